using System.Globalization;
using ModularAnalytics.BuildingBlocks.Application.Scheduling;
using ModularAnalytics.Modules.Experimentation.Application.Exposures.RefreshExperimentExposures;

namespace ModularAnalytics.Modules.Experimentation.Application.Common;

internal static class RefreshScheduling
{
    /// <summary>At most one pending refresh per experiment: requests that arrive while one waits fold into it.</summary>
    public static Task EnqueueExposuresRefreshAsync(this ICommandScheduler scheduler, int experimentId, TimeSpan delay, CancellationToken cancellationToken) =>
        scheduler.EnqueueAsync(
            new RefreshExperimentExposuresCommand(experimentId),
            string.Create(CultureInfo.InvariantCulture, $"experimentation:exposures:experiment:{experimentId}"),
            delay,
            cancellationToken);
}
