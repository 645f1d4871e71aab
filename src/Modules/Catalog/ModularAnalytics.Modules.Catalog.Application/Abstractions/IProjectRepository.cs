using ModularAnalytics.Modules.Catalog.Domain.Projects;

namespace ModularAnalytics.Modules.Catalog.Application.Abstractions;

internal interface IProjectRepository
{
    Task<Project?> FindAsync(int id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Project>> ListByOrganisationAsync(int organisationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Project>> ListAllAsync(CancellationToken cancellationToken);

    void Add(Project project);
}
