using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.Datar.Application.Recording;
using ModularAnalytics.Modules.Datar.Application.Summaries.GetProjectSummary;

namespace ModularAnalytics.Modules.Datar.Api.Dashboard;

/// <summary>The project's flags by evaluation count in a window, busiest first (the API's project summary).</summary>
internal sealed class TrafficModel(IMediator mediator, ICallerContext caller, RecorderOptions recorders, TimeProvider time) : PageModel
{
    public ProjectInfo Project { get; private set; } = null!;

    public TrafficWindow Window { get; private set; } = null!;

    public bool DatarOff { get; private set; }

    public ProjectSummary? Summary { get; private set; }

    public async Task OnGetAsync(int projectId, int? days, CancellationToken cancellationToken)
    {
        Project = await mediator.GetVisibleProjectAsync(caller, projectId, cancellationToken);
        Window = TrafficWindow.Last(days, time.GetUtcNow());
        DatarOff = !recorders.DatarEnabled;
        if (!DatarOff)
        {
            Summary = await mediator.Send(new GetProjectSummaryQuery(projectId, Window.FromParameter, null), cancellationToken);
        }
    }
}
