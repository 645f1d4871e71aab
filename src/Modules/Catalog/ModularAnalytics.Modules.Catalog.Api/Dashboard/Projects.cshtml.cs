using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ModularAnalytics.Modules.Catalog.Application.Projects;
using ModularAnalytics.Modules.Catalog.Application.Projects.ListProjects;

namespace ModularAnalytics.Modules.Catalog.Api.Dashboard;

internal sealed class ProjectsModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ProjectDto> Projects { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Projects = await mediator.Send(new ListProjectsQuery(), cancellationToken);
}
