using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Refresh;

/// <summary>The API's refresh: schedules a backfill of the project's identities followed by a recount.</summary>
internal sealed record RequestSegmentMembershipRefreshCommand(int ProjectId) : ICommand;

/// <summary>Scheduled: recounts every segment of the project in every environment, after a backfill when asked.</summary>
internal sealed record RefreshProjectSegmentMembershipCommand(int ProjectId, bool Backfill) : ICommand;

/// <summary>Recurring (daily): backfills every project with segments of every organisation with the switch on.</summary>
internal sealed record RunSegmentMembershipBackfillCommand : ICommand;
