using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Common;

internal static class ProjectAccess
{
    /// <summary>The project if the caller may manage it; a missing and a foreign project both read as 404.</summary>
    public static async Task<ProjectInfo> GetManagedProjectAsync(this IMediator mediator, ICallerContext caller, int projectId, CancellationToken cancellationToken)
    {
        var project = await mediator.Send(new GetProjectQuery(projectId), cancellationToken);
        if (project is null || !caller.CanManage(project.OrganisationId))
        {
            throw new NotFoundException("Project", projectId);
        }

        return project;
    }

    public static async Task<IReadOnlyList<EnvironmentRef>> GetEnvironmentsAsync(this IMediator mediator, int projectId, CancellationToken cancellationToken)
    {
        var environments = await mediator.Send(new GetProjectEnvironmentsQuery(projectId), cancellationToken);
        return [.. environments.Select(e => new EnvironmentRef(e.Id, e.Key, e.Name))];
    }

    public static DateTime UtcNow(this TimeProvider time) => time.GetUtcNow().UtcDateTime;
}
