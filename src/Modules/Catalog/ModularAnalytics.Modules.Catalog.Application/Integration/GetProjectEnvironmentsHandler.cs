using MediatR;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Contracts;

namespace ModularAnalytics.Modules.Catalog.Application.Integration;

internal sealed class GetProjectEnvironmentsHandler(IEnvironmentRepository environments, IProjectRepository projects)
    : IRequestHandler<GetProjectEnvironmentsQuery, IReadOnlyList<EnvironmentInfo>>
{
    public async Task<IReadOnlyList<EnvironmentInfo>> Handle(GetProjectEnvironmentsQuery request, CancellationToken cancellationToken)
    {
        var project = await projects.FindAsync(request.ProjectId, cancellationToken);
        if (project is null)
        {
            return [];
        }

        var list = await environments.ListByProjectAsync(project.Id, cancellationToken);
        return [.. list.Select(e => e.ToInfo(project.OrganisationId))];
    }
}
