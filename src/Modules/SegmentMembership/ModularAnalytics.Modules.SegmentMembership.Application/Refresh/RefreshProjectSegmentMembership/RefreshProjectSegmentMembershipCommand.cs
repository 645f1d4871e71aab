using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Refresh.RefreshProjectSegmentMembership;

/// <summary>Scheduled: recounts every segment of the project in every environment, after a backfill when asked.</summary>
internal sealed record RefreshProjectSegmentMembershipCommand(int ProjectId, bool Backfill) : ICommand;
