using MediatR;
using Microsoft.AspNetCore.Mvc;
using ModularAnalytics.BuildingBlocks.Dashboard.Rendering;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments.ListSegments;

namespace ModularAnalytics.Modules.SegmentMembership.Api.Dashboard;

[ProjectSectionOrder(20)]
public sealed class SegmentsSection(IMediator mediator) : ProjectSectionViewComponent
{
    public override async Task<IViewComponentResult> InvokeAsync(int projectId)
    {
        var segments = await mediator.Send(new ListSegmentsQuery(projectId), HttpContext.RequestAborted);
        return View("/Dashboard/_SegmentsSection.cshtml", new SegmentsSectionModel(projectId, segments));
    }
}
