using MediatR;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Contracts;

namespace ModularAnalytics.Modules.Catalog.Application.Integration;

internal sealed class GetSegmentMembershipInspectionQueryHandler(IOrganisationRepository organisations)
    : IRequestHandler<GetSegmentMembershipInspectionQuery, bool>
{
    public async Task<bool> Handle(GetSegmentMembershipInspectionQuery request, CancellationToken cancellationToken) =>
        (await organisations.FindAsync(request.OrganisationId, cancellationToken))?.SegmentMembershipInspection ?? false;
}

internal sealed class GetSegmentMembershipInspectionOrganisationsQueryHandler(IOrganisationRepository organisations)
    : IRequestHandler<GetSegmentMembershipInspectionOrganisationsQuery, IReadOnlyList<int>>
{
    public Task<IReadOnlyList<int>> Handle(GetSegmentMembershipInspectionOrganisationsQuery request, CancellationToken cancellationToken) =>
        organisations.ListIdsWithSegmentMembershipInspectionAsync(cancellationToken);
}
