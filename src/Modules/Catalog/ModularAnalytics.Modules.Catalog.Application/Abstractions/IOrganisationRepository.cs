using ModularAnalytics.Modules.Catalog.Domain.Organisations;

namespace ModularAnalytics.Modules.Catalog.Application.Abstractions;

internal interface IOrganisationRepository
{
    Task<Organisation?> FindAsync(int id, CancellationToken cancellationToken);

    Task<IReadOnlyList<int>> ListIdsWithSegmentMembershipInspectionAsync(CancellationToken cancellationToken);

    void Add(Organisation organisation);
}
