using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Contracts;

namespace ModularAnalytics.Modules.Datar.Api.Dashboard;

internal static class DatarAccess
{
    /// <summary>The project if the caller may see it (else 404): checked even when Datar is off, so "off" reveals nothing.</summary>
    public static async Task<ProjectInfo> GetVisibleProjectAsync(this IMediator mediator, ICallerContext caller, int projectId, CancellationToken cancellationToken)
    {
        var project = await mediator.Send(new GetProjectQuery(projectId), cancellationToken) ?? throw new NotFoundException("Project", projectId);
        caller.EnsureCanManage(project.OrganisationId, "Project", projectId);
        return project;
    }
}
