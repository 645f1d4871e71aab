using Microsoft.EntityFrameworkCore;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Domain.Organisations;

namespace ModularAnalytics.Modules.Catalog.Infrastructure.Persistence.Repositories;

internal sealed class OrganisationRepository(CatalogDbContext db) : IOrganisationRepository
{
    public Task<Organisation?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);

    public async Task<IReadOnlyList<int>> ListIdsWithSegmentMembershipInspectionAsync(CancellationToken cancellationToken) =>
        await db.Organisations.Where(o => o.SegmentMembershipInspection).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(cancellationToken);

    public void Add(Organisation organisation) => db.Organisations.Add(organisation);
}
