using System.Text.Json.Serialization;
using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Datar.Application.Summaries.GetFlagSummary;

/// <param name="SegmentLimit">The busiest segments kept in trafficBySegment; the others are left out, not summed.</param>
internal sealed record GetFlagSummaryQuery(int ProjectId, int FlagId, string? From, string? To, int SegmentLimit = 100) : IQuery<FlagSummary>;

internal sealed record VariantTraffic([property: JsonPropertyName("variantID")] int VariantId, [property: JsonPropertyName("count")] long Count);

internal sealed record SegmentTraffic([property: JsonPropertyName("segmentID")] int SegmentId, [property: JsonPropertyName("count")] long Count);

internal sealed record DayTraffic([property: JsonPropertyName("date")] string Date, [property: JsonPropertyName("count")] long Count);

/// <summary>Flagr's field names, exactly.</summary>
internal sealed record FlagSummary(
    [property: JsonPropertyName("flagID")] int FlagId,
    [property: JsonPropertyName("trafficByVariant")] IReadOnlyList<VariantTraffic> TrafficByVariant,
    [property: JsonPropertyName("trafficBySegment")] IReadOnlyList<SegmentTraffic> TrafficBySegment,
    [property: JsonPropertyName("trafficByDay")] IReadOnlyList<DayTraffic> TrafficByDay);
