using MediatR;
using Microsoft.AspNetCore.Mvc;
using ModularAnalytics.BuildingBlocks.Application.Time;
using ModularAnalytics.BuildingBlocks.Dashboard.Rendering;

namespace ModularAnalytics.Modules.Experimentation.Api.Dashboard;

[ProjectSectionOrder(30)]
public sealed class ExperimentsSection(IMediator mediator, TimeProvider time) : ProjectSectionViewComponent
{
    public override async Task<IViewComponentResult> InvokeAsync(int projectId)
    {
        var rows = await ExperimentList.LoadAsync(mediator, projectId, time.UtcNow(), HttpContext.RequestAborted);
        return View("/Dashboard/_ExperimentsSection.cshtml", new ExperimentsSectionModel(projectId, rows));
    }
}
