using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Datar.Application.Recording;
using ModularAnalytics.Modules.Datar.Application.Summaries.GetProjectSummary;

namespace ModularAnalytics.Modules.Datar.Api.Dashboard;

/// <summary>The project's flags by evaluation count in a window, busiest first (the API's project summary).</summary>
internal sealed class TrafficModel(IMediator mediator, ICallerContext caller, RecorderOptions recorders, TimeProvider time)
    : TrafficPageModel(mediator, caller, recorders, time)
{
    public ProjectSummary? Summary { get; private set; }

    public async Task OnGetAsync(int projectId, int? days, CancellationToken cancellationToken)
    {
        await OpenAsync(projectId, days, cancellationToken);
        if (!DatarOff)
        {
            Summary = await Mediator.Send(new GetProjectSummaryQuery(projectId, Window.FromParameter, null), cancellationToken);
        }
    }
}
