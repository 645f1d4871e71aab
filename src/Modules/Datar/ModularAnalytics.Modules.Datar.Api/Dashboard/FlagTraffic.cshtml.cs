using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.BuildingBlocks.Dashboard.Rendering;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.Datar.Application.Recording;
using ModularAnalytics.Modules.Datar.Application.Summaries.GetFlagSummary;

namespace ModularAnalytics.Modules.Datar.Api.Dashboard;

/// <summary>One flag's traffic in a window: by day (charted, every day of the window), by variant and by segment.</summary>
internal sealed class FlagTrafficModel(IMediator mediator, ICallerContext caller, RecorderOptions recorders, TimeProvider time)
    : TrafficPageModel(mediator, caller, recorders, time)
{
    public FlagInfo Flag { get; private set; } = null!;

    public FlagSummary? Summary { get; private set; }

    public IReadOnlyList<DayTraffic> Days { get; private set; } = [];

    public async Task OnGetAsync(int projectId, int flagId, int? days, CancellationToken cancellationToken)
    {
        await OpenAsync(projectId, days, cancellationToken);
        Flag = await Mediator.Send(new GetFlagByIdQuery(flagId), cancellationToken) is { } flag && flag.ProjectId == projectId
            ? flag
            : throw new NotFoundException("Flag", flagId);
        if (DatarOff)
        {
            return;
        }

        Summary = await Mediator.Send(new GetFlagSummaryQuery(projectId, flagId, Window.FromParameter, null), cancellationToken);
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
