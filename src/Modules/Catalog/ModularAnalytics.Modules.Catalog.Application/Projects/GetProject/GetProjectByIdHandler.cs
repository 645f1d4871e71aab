using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Application.Common;

namespace ModularAnalytics.Modules.Catalog.Application.Projects.GetProject;

internal sealed class GetProjectByIdHandler(IProjectRepository projects, ICallerContext caller) : IQueryHandler<GetProjectByIdQuery, ProjectDto>
{
    public async Task<ProjectDto> Handle(GetProjectByIdQuery request, CancellationToken cancellationToken) =>
        ProjectDto.From(await projects.GetManagedAsync(caller, request.ProjectId, cancellationToken));
}
