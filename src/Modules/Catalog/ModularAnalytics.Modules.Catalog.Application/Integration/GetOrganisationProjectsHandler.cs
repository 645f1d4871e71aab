using MediatR;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Contracts;

namespace ModularAnalytics.Modules.Catalog.Application.Integration;

internal sealed class GetOrganisationProjectsHandler(IProjectRepository projects)
    : IRequestHandler<GetOrganisationProjectsQuery, IReadOnlyList<ProjectInfo>>
{
    public async Task<IReadOnlyList<ProjectInfo>> Handle(GetOrganisationProjectsQuery request, CancellationToken cancellationToken) =>
        [.. (await projects.ListByOrganisationAsync(request.OrganisationId, cancellationToken)).Select(p => p.ToInfo())];
}
