using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Refresh.RequestSegmentMembershipRefresh;

/// <summary>The API's refresh: schedules a backfill of the project's identities followed by a recount.</summary>
internal sealed record RequestSegmentMembershipRefreshCommand(int ProjectId) : ICommand;
