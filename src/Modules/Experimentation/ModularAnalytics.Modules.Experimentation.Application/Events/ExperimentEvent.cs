namespace ModularAnalytics.Modules.Experimentation.Application.Events;

/// <summary>One stored event; <see cref="FeatureName"/> and <see cref="Value"/> are empty when not given.</summary>
internal sealed record ExperimentEvent(
    int EnvironmentId,
    string Event,
    string Identifier,
    string FeatureName,
    string Value,
    DateTime Timestamp,
    DateTime ReceivedAt)
{
    public const string FlagExposure = "$flag_exposure";
}
