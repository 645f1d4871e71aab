namespace ModularAnalytics.Modules.Experimentation.Domain.Experiments;

/// <summary>One arm of an experiment: a variant key of the flag and its relative weight (share = weight / sum).</summary>
public sealed record ExperimentVariant(string Key, double Weight);
