using Microsoft.EntityFrameworkCore;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Domain.Flags;

namespace ModularAnalytics.Modules.Catalog.Infrastructure.Persistence.Repositories;

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
