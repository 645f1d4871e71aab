using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ModularAnalytics.Modules.Catalog.Application.Environments;
using ModularAnalytics.Modules.Catalog.Application.Environments.ListEnvironments;
using ModularAnalytics.Modules.Catalog.Application.Projects;
using ModularAnalytics.Modules.Catalog.Application.Projects.GetProject;
using ModularAnalytics.Modules.Catalog.Contracts;

namespace ModularAnalytics.Modules.Catalog.Api.Dashboard;

/// <summary>A project's overview: Catalog's environments and flags, then every other module's section.</summary>
internal sealed class ProjectModel(IMediator mediator) : PageModel
{
    public ProjectDto Project { get; private set; } = null!;

    public IReadOnlyList<EnvironmentDto> Environments { get; private set; } = [];

    public IReadOnlyList<FlagInfo> Flags { get; private set; } = [];

    public async Task OnGetAsync(int projectId, CancellationToken cancellationToken)
    {
        // The scoped query first: a foreign or missing project is a 404 before anything else is read.
        Project = await mediator.Send(new GetProjectByIdQuery(projectId), cancellationToken);
        Environments = await mediator.Send(new ListEnvironmentsQuery(projectId), cancellationToken);
        Flags = await mediator.Send(new GetProjectFlagsQuery(projectId), cancellationToken);
    }
}
