namespace ModularAnalytics.Modules.Experimentation.Application.Experiments;

public sealed record VariantInput(string? Key, double? Weight);
