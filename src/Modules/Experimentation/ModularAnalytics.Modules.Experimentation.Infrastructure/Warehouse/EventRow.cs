using System.Text.Json.Serialization;
using ModularAnalytics.Modules.Experimentation.Application.Events;

namespace ModularAnalytics.Modules.Experimentation.Infrastructure.Warehouse;

/// <summary>One row of <c>experiment_events</c> as JSONEachRow.</summary>
internal sealed record EventRow(
    [property: JsonPropertyName("environment_id")] int EnvironmentId,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("feature_name")] string FeatureName,
    [property: JsonPropertyName("identifier")] string Identifier,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("timestamp")] DateTime Timestamp,
    [property: JsonPropertyName("received_at")] DateTime ReceivedAt)
{
    public static EventRow From(ExperimentEvent e) =>
        new(e.EnvironmentId, e.Event, e.FeatureName, e.Identifier, e.Value, e.Timestamp, e.ReceivedAt);
}
