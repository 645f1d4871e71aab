using ModularAnalytics.Modules.Catalog.Domain.Environments;

namespace ModularAnalytics.Modules.Catalog.Application.Abstractions;

internal interface IEnvironmentRepository
{
    Task<ProjectEnvironment?> FindByKeyAsync(string key, CancellationToken cancellationToken);

    Task<IReadOnlyList<ProjectEnvironment>> ListByProjectAsync(int projectId, CancellationToken cancellationToken);

    void Add(ProjectEnvironment environment);
}
