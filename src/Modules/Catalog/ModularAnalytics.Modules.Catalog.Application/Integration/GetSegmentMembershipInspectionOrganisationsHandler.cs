using MediatR;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Contracts;

namespace ModularAnalytics.Modules.Catalog.Application.Integration;

internal sealed class GetSegmentMembershipInspectionOrganisationsHandler(IOrganisationRepository organisations)
    : IRequestHandler<GetSegmentMembershipInspectionOrganisationsQuery, IReadOnlyList<int>>
{
    public Task<IReadOnlyList<int>> Handle(GetSegmentMembershipInspectionOrganisationsQuery request, CancellationToken cancellationToken) =>
        organisations.ListIdsWithSegmentMembershipInspectionAsync(cancellationToken);
}
