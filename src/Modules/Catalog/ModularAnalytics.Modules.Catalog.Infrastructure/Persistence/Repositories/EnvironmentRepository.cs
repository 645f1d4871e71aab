using Microsoft.EntityFrameworkCore;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Domain.Environments;

namespace ModularAnalytics.Modules.Catalog.Infrastructure.Persistence.Repositories;

internal sealed class EnvironmentRepository(CatalogDbContext db) : IEnvironmentRepository
{
    public async Task<IReadOnlyList<ProjectEnvironment>> ListByProjectAsync(int projectId, CancellationToken cancellationToken) =>
        await db.Environments.AsNoTracking().Where(e => e.ProjectId == projectId).OrderBy(e => e.Id).ToListAsync(cancellationToken);

    public void Add(ProjectEnvironment environment) => db.Environments.Add(environment);
}
