using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.Datar.Application.Recording;

namespace ModularAnalytics.Modules.Datar.Api.Dashboard;

/// <summary>What both traffic pages start with: the project (404 unless the caller may see it), the window, Datar on or off.</summary>
internal abstract class TrafficPageModel(IMediator mediator, ICallerContext caller, RecorderOptions recorders, TimeProvider time) : PageModel
{
    public ProjectInfo Project { get; private set; } = null!;

    public TrafficWindow Window { get; private set; } = null!;

    public bool DatarOff { get; private set; }

    protected IMediator Mediator => mediator;

    /// <summary>Checked even when Datar is off, so that "off" reveals nothing about another organisation's project.</summary>
    protected async Task OpenAsync(int projectId, int? days, CancellationToken cancellationToken)
    {
        Project = await mediator.GetManagedProjectAsync(caller, projectId, cancellationToken);
        Window = TrafficWindow.Last(days, time.GetUtcNow());
        DatarOff = !recorders.DatarEnabled;
    }
}
