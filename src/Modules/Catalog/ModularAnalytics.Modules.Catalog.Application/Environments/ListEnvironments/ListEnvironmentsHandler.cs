using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Application.Common;

namespace ModularAnalytics.Modules.Catalog.Application.Environments.ListEnvironments;

internal sealed class ListEnvironmentsHandler(IProjectRepository projects, IEnvironmentRepository environments, ICallerContext caller)
    : IQueryHandler<ListEnvironmentsQuery, IReadOnlyList<EnvironmentDto>>
{
    public async Task<IReadOnlyList<EnvironmentDto>> Handle(ListEnvironmentsQuery request, CancellationToken cancellationToken)
    {
        var project = await projects.GetManagedAsync(caller, request.ProjectId, cancellationToken);
        var list = await environments.ListByProjectAsync(project.Id, cancellationToken);
        return [.. list.Select(EnvironmentDto.From)];
    }
}
