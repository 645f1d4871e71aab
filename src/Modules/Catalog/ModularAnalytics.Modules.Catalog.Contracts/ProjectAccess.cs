using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Security;

namespace ModularAnalytics.Modules.Catalog.Contracts;

public static class ProjectAccess
{
    /// <summary>
    /// The project if the caller may manage it. A missing and a foreign project both read as 404, so another
    /// organisation's project is never revealed; every module that serves a project's resources starts here.
    /// </summary>
    public static async Task<ProjectInfo> GetManagedProjectAsync(this IMediator mediator, ICallerContext caller, int projectId, CancellationToken cancellationToken)
    {
        var project = await mediator.Send(new GetProjectQuery(projectId), cancellationToken);
        if (project is null || !caller.CanManage(project.OrganisationId))
        {
            throw new NotFoundException("Project", projectId);
        }

        return project;
    }
}
