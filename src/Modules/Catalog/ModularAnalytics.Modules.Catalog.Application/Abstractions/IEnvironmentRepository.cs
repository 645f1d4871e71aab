using ModularAnalytics.Modules.Catalog.Domain.Environments;

namespace ModularAnalytics.Modules.Catalog.Application.Abstractions;

internal interface IEnvironmentRepository
{
    Task<IReadOnlyList<ProjectEnvironment>> ListByProjectAsync(int projectId, CancellationToken cancellationToken);

    void Add(ProjectEnvironment environment);
}
