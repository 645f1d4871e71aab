using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Domain.Projects;

namespace ModularAnalytics.Modules.Catalog.Application.Common;

internal static class ProjectAccess
{
    /// <summary>The project if the caller may manage it; a missing and a foreign project both read as 404.</summary>
    public static async Task<Project> GetManagedAsync(this IProjectRepository projects, ICallerContext caller, int projectId, CancellationToken cancellationToken)
    {
        var project = await projects.FindAsync(projectId, cancellationToken);
        if (project is null || !caller.CanManage(project.OrganisationId))
        {
            throw new NotFoundException("Project", projectId);
        }

        return project;
    }
}
