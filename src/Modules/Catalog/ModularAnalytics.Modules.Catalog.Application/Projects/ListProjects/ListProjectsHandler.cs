using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;

namespace ModularAnalytics.Modules.Catalog.Application.Projects.ListProjects;

internal sealed class ListProjectsHandler(IProjectRepository projects, ICallerContext caller) : IQueryHandler<ListProjectsQuery, IReadOnlyList<ProjectDto>>
{
    public async Task<IReadOnlyList<ProjectDto>> Handle(ListProjectsQuery request, CancellationToken cancellationToken)
    {
        var list = caller switch
        {
            { Kind: CallerKind.Admin } => await projects.ListAllAsync(cancellationToken),
            { Kind: CallerKind.Organisation, OrganisationId: { } organisationId } => await projects.ListByOrganisationAsync(organisationId, cancellationToken),
            _ => [],
        };
        return [.. list.Select(ProjectDto.From)];
    }
}
