using ModularAnalytics.Modules.Experimentation.Domain.Experiments;

namespace ModularAnalytics.Modules.Experimentation.Application.Abstractions;

internal interface IExperimentRepository
{
    void Add(Experiment experiment);

    Task<Experiment?> FindAsync(int experimentId, CancellationToken cancellationToken);

    /// <summary>The project's experiments, ordered by id.</summary>
    Task<IReadOnlyList<Experiment>> ListByProjectAsync(int projectId, CancellationToken cancellationToken);

    /// <summary>Ids of experiments still to refresh: running, or ended but not yet refreshed up to their end.</summary>
    Task<IReadOnlyList<int>> ListDueForRefreshAsync(CancellationToken cancellationToken);
}
