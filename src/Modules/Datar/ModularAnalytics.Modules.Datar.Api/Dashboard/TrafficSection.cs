using Microsoft.AspNetCore.Mvc;
using ModularAnalytics.BuildingBlocks.Dashboard.Rendering;
using ModularAnalytics.Modules.Datar.Application.Recording;

namespace ModularAnalytics.Modules.Datar.Api.Dashboard;

[ProjectSectionOrder(40)]
public sealed class TrafficSection(RecorderOptions recorders) : ProjectSectionViewComponent
{
    public override Task<IViewComponentResult> InvokeAsync(int projectId) =>
        Task.FromResult<IViewComponentResult>(View("/Dashboard/_TrafficSection.cshtml", new TrafficSectionModel(projectId, recorders.DatarEnabled)));
}
