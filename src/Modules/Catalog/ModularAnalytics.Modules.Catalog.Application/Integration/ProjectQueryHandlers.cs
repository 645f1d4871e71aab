using MediatR;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Contracts;

namespace ModularAnalytics.Modules.Catalog.Application.Integration;

internal sealed class GetProjectQueryHandler(IProjectRepository projects) : IRequestHandler<GetProjectQuery, ProjectInfo?>
{
    public async Task<ProjectInfo?> Handle(GetProjectQuery request, CancellationToken cancellationToken) =>
        (await projects.FindAsync(request.ProjectId, cancellationToken))?.ToInfo();
}

internal sealed class GetOrganisationProjectsQueryHandler(IProjectRepository projects)
    : IRequestHandler<GetOrganisationProjectsQuery, IReadOnlyList<ProjectInfo>>
{
    public async Task<IReadOnlyList<ProjectInfo>> Handle(GetOrganisationProjectsQuery request, CancellationToken cancellationToken) =>
        [.. (await projects.ListByOrganisationAsync(request.OrganisationId, cancellationToken)).Select(p => p.ToInfo())];
}
