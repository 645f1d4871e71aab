using System.Text.Json.Serialization;
using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Datar.Application.Summaries.GetProjectSummary;

/// <summary>Flags of a project with traffic in the window, busiest first.</summary>
internal sealed record GetProjectSummaryQuery(int ProjectId, string? From, string? To, int Limit = 100, int Offset = 0)
    : IQuery<ProjectSummary>;

/// <summary>Flagr's field names, exactly.</summary>
internal sealed record FlagSummaryItem(
    [property: JsonPropertyName("flagID")] int FlagId,
    [property: JsonPropertyName("flagKey")] string FlagKey,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("totalEvalCount")] long TotalEvalCount,
    [property: JsonPropertyName("lastEvaluatedAt")] DateTimeOffset LastEvaluatedAt);

internal sealed record ProjectSummary([property: JsonPropertyName("flags")] IReadOnlyList<FlagSummaryItem> Flags);
