using System.Globalization;
using ModularAnalytics.BuildingBlocks.Application.Scheduling;
using ModularAnalytics.Modules.SegmentMembership.Application.Refresh.RefreshProjectSegmentMembership;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Refresh;

internal static class RefreshScheduling
{
    /// <summary>
    /// One pending run per project and kind. Kinds have their own keys because the scheduler keeps a pending run
    /// rather than replacing it: a debounced refresh (segment changes) must not hold back an immediate one (after the
    /// daily backfill), nor swallow a request to backfill first. Overlapping runs are safe: the snapshot that started
    /// counting last is the one kept.
    /// </summary>
    public static Task EnqueueRefreshAsync(this ICommandScheduler scheduler, int projectId, bool backfill, TimeSpan delay, CancellationToken cancellationToken)
    {
        var kind = backfill ? "backfill-refresh" : delay > TimeSpan.Zero ? "refresh" : "refresh-now";
        var key = string.Create(CultureInfo.InvariantCulture, $"segment-membership:{kind}:project:{projectId}");
        return scheduler.EnqueueAsync(new RefreshProjectSegmentMembershipCommand(projectId, backfill), key, delay, cancellationToken);
    }
}
