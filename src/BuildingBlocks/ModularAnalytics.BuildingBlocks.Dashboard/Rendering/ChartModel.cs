namespace ModularAnalytics.BuildingBlocks.Dashboard.Rendering;

/// <summary>What the chart partial draws: one label per point on x, one value per label in each series.</summary>
public sealed record ChartModel(
    string Id,
    string Kind,
    string Title,
    string XAxisTitle,
    string YAxisTitle,
    IReadOnlyList<string> Labels,
    IReadOnlyList<ChartSeries> Series);

public sealed record ChartSeries(string Label, IReadOnlyList<long> Values, bool Dashed = false);
