using Microsoft.EntityFrameworkCore;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Domain.Projects;

namespace ModularAnalytics.Modules.Catalog.Infrastructure.Persistence.Repositories;

internal sealed class ProjectRepository(CatalogDbContext db) : IProjectRepository
{
    public Task<Project?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Projects.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Project>> ListByOrganisationAsync(int organisationId, CancellationToken cancellationToken) =>
        await db.Projects.AsNoTracking().Where(p => p.OrganisationId == organisationId).OrderBy(p => p.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Project>> ListAllAsync(CancellationToken cancellationToken) =>
        await db.Projects.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);

    public void Add(Project project) => db.Projects.Add(project);
}
