using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.Datar.Application.Recording;

namespace ModularAnalytics.Modules.Datar.Application.Summaries;

internal static class DatarAvailability
{
    /// <summary>
    /// What every summary checks first: Datar runs (else 503), the project exists and the caller may manage it
    /// (else 404, so another organisation's project is never revealed).
    /// </summary>
    public static async Task EnsureProjectReadableAsync(
        RecorderOptions options, IMediator mediator, ICallerContext caller, int projectId, CancellationToken cancellationToken)
    {
        if (!options.DatarEnabled)
        {
            throw new ServiceUnavailableException(
                "Datar is not among the enabled recorders: set Recorder:Enabled=true and include 'datar' in Recorder:Type.");
        }

        await mediator.GetManagedProjectAsync(caller, projectId, cancellationToken);
    }
}
