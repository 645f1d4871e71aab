namespace ModularAnalytics.Modules.Experimentation.Application.Events.RecordEvents;

public sealed record EventInput(string? Event, string? Identifier, string? FeatureName, string? Value, DateTimeOffset? Timestamp);
