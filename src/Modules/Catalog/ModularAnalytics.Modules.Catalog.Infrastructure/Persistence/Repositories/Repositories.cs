using Microsoft.EntityFrameworkCore;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Domain.Environments;
using ModularAnalytics.Modules.Catalog.Domain.Flags;
using ModularAnalytics.Modules.Catalog.Domain.Organisations;
using ModularAnalytics.Modules.Catalog.Domain.Projects;

namespace ModularAnalytics.Modules.Catalog.Infrastructure.Persistence.Repositories;

internal sealed class OrganisationRepository(CatalogDbContext db) : IOrganisationRepository
{
    public Task<Organisation?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);

    public async Task<IReadOnlyList<int>> ListIdsWithSegmentMembershipInspectionAsync(CancellationToken cancellationToken) =>
        await db.Organisations.Where(o => o.SegmentMembershipInspection).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(cancellationToken);

    public void Add(Organisation organisation) => db.Organisations.Add(organisation);
}

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

internal sealed class EnvironmentRepository(CatalogDbContext db) : IEnvironmentRepository
{
    public Task<ProjectEnvironment?> FindByKeyAsync(string key, CancellationToken cancellationToken) =>
        db.Environments.AsNoTracking().FirstOrDefaultAsync(e => e.Key == key, cancellationToken);

    public async Task<IReadOnlyList<ProjectEnvironment>> ListByProjectAsync(int projectId, CancellationToken cancellationToken) =>
        await db.Environments.AsNoTracking().Where(e => e.ProjectId == projectId).OrderBy(e => e.Id).ToListAsync(cancellationToken);

    public void Add(ProjectEnvironment environment) => db.Environments.Add(environment);
}

internal sealed class FlagRepository(CatalogDbContext db) : IFlagRepository
{
    private IQueryable<Flag> WithVariants => db.Flags.Include(f => f.Variants);

    public Task<Flag?> FindAsync(int flagId, CancellationToken cancellationToken) =>
        WithVariants.FirstOrDefaultAsync(f => f.Id == flagId, cancellationToken);

    public Task<Flag?> FindAsync(int projectId, int flagId, CancellationToken cancellationToken) =>
        WithVariants.FirstOrDefaultAsync(f => f.Id == flagId && f.ProjectId == projectId, cancellationToken);

    public Task<Flag?> FindByKeyAsync(int projectId, string key, CancellationToken cancellationToken) =>
        WithVariants.FirstOrDefaultAsync(f => f.ProjectId == projectId && f.Key == key, cancellationToken);

    public Task<bool> KeyExistsAsync(int projectId, string key, CancellationToken cancellationToken) =>
        db.Flags.AnyAsync(f => f.ProjectId == projectId && f.Key == key, cancellationToken);

    public async Task<IReadOnlyList<Flag>> ListByProjectAsync(int projectId, CancellationToken cancellationToken) =>
        await WithVariants.AsNoTracking().AsSplitQuery().Where(f => f.ProjectId == projectId).OrderBy(f => f.Id).ToListAsync(cancellationToken);

    public void Add(Flag flag) => db.Flags.Add(flag);
}
