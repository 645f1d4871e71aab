using MediatR;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Contracts;

namespace ModularAnalytics.Modules.Catalog.Application.Integration;

internal sealed class GetSegmentMembershipInspectionHandler(IOrganisationRepository organisations)
    : IRequestHandler<GetSegmentMembershipInspectionQuery, bool>
{
    public async Task<bool> Handle(GetSegmentMembershipInspectionQuery request, CancellationToken cancellationToken) =>
        (await organisations.FindAsync(request.OrganisationId, cancellationToken))?.SegmentMembershipInspection ?? false;
}
