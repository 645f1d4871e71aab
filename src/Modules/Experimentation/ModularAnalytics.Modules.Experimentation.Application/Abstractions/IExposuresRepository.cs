using ModularAnalytics.Modules.Experimentation.Domain.Exposures;

namespace ModularAnalytics.Modules.Experimentation.Application.Abstractions;

internal interface IExposuresRepository
{
    Task<ExperimentExposures?> FindAsync(int experimentId, CancellationToken cancellationToken);

    /// <summary>The stored row of the experiment, created (unsaved) when there is none yet.</summary>
    Task<ExperimentExposures> GetOrAddAsync(int experimentId, CancellationToken cancellationToken);
}
