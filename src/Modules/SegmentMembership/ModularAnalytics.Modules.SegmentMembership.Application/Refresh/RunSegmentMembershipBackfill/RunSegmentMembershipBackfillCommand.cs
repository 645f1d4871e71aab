using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Refresh.RunSegmentMembershipBackfill;

/// <summary>Recurring (daily): backfills every project with segments of every organisation with the switch on.</summary>
internal sealed record RunSegmentMembershipBackfillCommand : ICommand;
