using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.BuildingBlocks.Dashboard.Rendering;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.Datar.Application.Recording;
using ModularAnalytics.Modules.Datar.Application.Summaries.GetFlagSummary;

namespace ModularAnalytics.Modules.Datar.Api.Dashboard;

/// <summary>One flag's traffic in a window: by day (charted, every day of the window), by variant and by segment.</summary>
internal sealed class FlagTrafficModel(IMediator mediator, ICallerContext caller, RecorderOptions recorders, TimeProvider time) : PageModel
{
    public ProjectInfo Project { get; private set; } = null!;

    public FlagInfo Flag { get; private set; } = null!;

    public TrafficWindow Window { get; private set; } = null!;

    public bool DatarOff { get; private set; }

    public FlagSummary? Summary { get; private set; }

    public IReadOnlyList<DayTraffic> Days { get; private set; } = [];

    public async Task OnGetAsync(int projectId, int flagId, int? days, CancellationToken cancellationToken)
    {
        Project = await mediator.GetVisibleProjectAsync(caller, projectId, cancellationToken);
        Flag = await mediator.Send(new GetFlagByIdQuery(flagId), cancellationToken) is { } flag && flag.ProjectId == projectId
            ? flag
            : throw new NotFoundException("Flag", flagId);
        Window = TrafficWindow.Last(days, time.GetUtcNow());
        DatarOff = !recorders.DatarEnabled;
        if (DatarOff)
        {
            return;
        }

        Summary = await mediator.Send(new GetFlagSummaryQuery(projectId, flagId, Window.FromParameter, null), cancellationToken);
        var counted = Summary.TrafficByDay.ToDictionary(d => d.Date, d => d.Count, StringComparer.Ordinal);
        Days = [.. Window.DaysCovered().Select(day => new DayTraffic(day, counted.GetValueOrDefault(day)))];
    }

    public string VariantKey(int variantId) =>
        Flag.Variants.FirstOrDefault(v => v.Id == variantId)?.Key ?? $"variant #{variantId}";

    public ChartModel DayChart() => new(
        "traffic-by-day",
        "bar",
        $"Evaluations of {Flag.Key} per UTC day",
        "Day (UTC)",
        "Evaluations",
        [.. Days.Select(d => d.Date)],
        [new ChartSeries("Evaluations", [.. Days.Select(d => d.Count)])]);
}
