using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.SegmentMembership.Application.Refresh.RequestSegmentMembershipRefresh;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments.ListSegments;

namespace ModularAnalytics.Modules.SegmentMembership.Api.Dashboard;

/// <summary>Segments × environments with counts and sync times, and the API's refresh behind a button.</summary>
internal sealed class SegmentsModel(IMediator mediator) : PageModel
{
    public int ProjectId { get; private set; }

    public string ProjectName { get; private set; } = string.Empty;

    public IReadOnlyList<SegmentDto> Segments { get; private set; } = [];

    public IReadOnlyList<EnvironmentInfo> Environments { get; private set; } = [];

    public DateTime? LastSyncedAt { get; private set; }

    public string? Notice { get; private set; }

    public async Task OnGetAsync(int projectId, string? refresh, CancellationToken cancellationToken)
    {
        await LoadAsync(projectId, cancellationToken);
        if (refresh == "requested")
        {
            Notice = "Refresh requested: counts and sync times update when it has run (reload to see them).";
        }
    }

    public async Task<IActionResult> OnPostRefreshAsync(int projectId, CancellationToken cancellationToken)
    {
        try
        {
            await mediator.Send(new RequestSegmentMembershipRefreshCommand(projectId), cancellationToken);
        }
        catch (ConflictException conflict)
        {
            await LoadAsync(projectId, cancellationToken);
            Notice = conflict.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return Redirect($"/projects/{projectId}/segments?refresh=requested");
    }

    public MembershipCountDto? CountFor(SegmentDto segment, int environmentId) =>
        segment.MembershipCounts.FirstOrDefault(c => c.Environment == environmentId);

    private async Task LoadAsync(int projectId, CancellationToken cancellationToken)
    {
        Segments = await mediator.Send(new ListSegmentsQuery(projectId), cancellationToken);
        ProjectId = projectId;
        ProjectName = (await mediator.Send(new GetProjectQuery(projectId), cancellationToken))?.Name ?? string.Empty;
        Environments = await mediator.Send(new GetProjectEnvironmentsQuery(projectId), cancellationToken);
        LastSyncedAt = Segments.SelectMany(s => s.MembershipCounts).Select(c => (DateTime?)c.LastSyncedAt).Max();
    }
}
