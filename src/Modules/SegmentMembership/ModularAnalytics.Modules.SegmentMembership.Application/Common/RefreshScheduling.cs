using System.Globalization;
using ModularAnalytics.BuildingBlocks.Application.Scheduling;
using ModularAnalytics.Modules.SegmentMembership.Application.Refresh;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Common;

internal static class RefreshScheduling
{
    /// <summary>
    /// One pending run per project and kind: a refresh with backfill has its own key so that a pending plain refresh
    /// cannot swallow a request to backfill first.
    /// </summary>
    public static Task EnqueueRefreshAsync(this ICommandScheduler scheduler, int projectId, bool backfill, TimeSpan delay, CancellationToken cancellationToken)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"segment-membership:{(backfill ? "backfill-refresh" : "refresh")}:project:{projectId}");
        return scheduler.EnqueueAsync(new RefreshProjectSegmentMembershipCommand(projectId, backfill), key, delay, cancellationToken);
    }
}
