using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ModularAnalytics.BuildingBlocks.Application.Time;
using ModularAnalytics.BuildingBlocks.Dashboard.Rendering;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.Experimentation.Application.Experiments.GetExperiment;
using ModularAnalytics.Modules.Experimentation.Application.Exposures.GetExposures;
using ModularAnalytics.Modules.Experimentation.Application.Exposures.RequestExposuresRefresh;
using ModularAnalytics.Modules.Experimentation.Domain.Exposures;

namespace ModularAnalytics.Modules.Experimentation.Api.Dashboard;

/// <summary>
/// One experiment: cumulative first exposures per variant over time (quarantined identities charted apart), totals and
/// shares, the sample ratio check, and the API's refresh behind a button.
/// </summary>
internal sealed class ExperimentModel(IMediator mediator, TimeProvider time) : PageModel
{
    public ProjectInfo Project { get; private set; } = null!;

    public ExperimentRow Row { get; private set; } = null!;

    public string EnvironmentName { get; private set; } = string.Empty;

    public bool RefreshRequested { get; private set; }

    public ExposurePayload? Payload => Row.Exposures.Payload;

    public async Task OnGetAsync(int projectId, int experimentId, string? refresh, CancellationToken cancellationToken)
    {
        var experiment = await mediator.Send(new GetExperimentQuery(projectId, experimentId), cancellationToken);
        var exposures = await mediator.Send(new GetExposuresQuery(projectId, experimentId), cancellationToken);
        Row = ExperimentRow.Of(experiment, exposures, time.UtcNow());
        Project = (await mediator.Send(new GetProjectQuery(projectId), cancellationToken))!;
        EnvironmentName = (await mediator.Send(new GetProjectEnvironmentsQuery(projectId), cancellationToken))
            .FirstOrDefault(e => e.Id == experiment.EnvironmentId)?.Name ?? string.Empty;
        RefreshRequested = refresh == "requested";
    }

    public async Task<IActionResult> OnPostRefreshAsync(int projectId, int experimentId, CancellationToken cancellationToken)
    {
        await mediator.Send(new RequestExposuresRefreshCommand(projectId, experimentId), cancellationToken);
        return Redirect($"/projects/{projectId}/experiments/{experimentId}?refresh=requested");
    }

    /// <summary>The payload's keys other than <c>$multiple</c>: the experiment's variants first, then other observed values.</summary>
    public IReadOnlyList<string> VariantKeys()
    {
        var configured = Row.Experiment.Variants.Select(v => v.Key).ToList();
        var observed = (Payload?.Variants.Keys ?? []).Where(k => !configured.Contains(k) && k != ExposurePayload.Multiple).Order(StringComparer.Ordinal);
        return [.. configured, .. observed];
    }

    public double WeightShare(string key)
    {
        var total = Row.Experiment.Variants.Sum(v => v.Weight);
        return Row.Experiment.Variants.FirstOrDefault(v => v.Key == key) is { } variant && total > 0 ? variant.Weight / total : 0;
    }

    public ChartModel VariantsChart() => Chart(
        "exposures-chart", $"Identities first exposed, cumulative, per variant ({Granularity} buckets, UTC)", VariantKeys());

    public ChartModel MultipleChart() => Chart(
        "multiple-chart", "Quarantined identities ($multiple: exposed to more than one variant), cumulative", [ExposurePayload.Multiple]);

    public static string PValue(double? p) => p switch
    {
        null => "n/a",
        < 0.0001 => p.Value.ToString("0.00E+0", CultureInfo.InvariantCulture),
        _ => p.Value.ToString("0.0000", CultureInfo.InvariantCulture),
    };

    public static string Expected(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private string Granularity => Payload?.Granularity == ExposureGranularity.Day ? "day" : "hour";

    private ChartModel Chart(string id, string title, IReadOnlyList<string> keys)
    {
        var points = Payload?.Timeseries ?? [];
        var daily = Payload?.Granularity == ExposureGranularity.Day;
        return new ChartModel(
            id,
            "line",
            title,
            daily ? "Day (UTC)" : "Hour (UTC)",
            "Identities (cumulative)",
            [.. points.Select(p => Utc.Bucket(new DateTimeOffset(DateTime.SpecifyKind(p.Bucket, DateTimeKind.Utc)), daily))],
            [.. keys.Select(k => new ChartSeries(k, [.. points.Select(p => p.CumulativeIdentities.GetValueOrDefault(k))], Dashed: k == ExposurePayload.Multiple))]);
    }
}
