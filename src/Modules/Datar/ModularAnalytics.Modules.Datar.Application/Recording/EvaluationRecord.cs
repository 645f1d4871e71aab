namespace ModularAnalytics.Modules.Datar.Application.Recording;

public enum RecordSource
{
    Evaluation,
    Exposure,
}

/// <summary>One flag evaluation result, resolved against the catalog, as recorders receive it.</summary>
/// <param name="SegmentId">0 when no segment matched.</param>
public sealed record EvaluationRecord(
    int ProjectId,
    int EnvironmentId,
    int FlagId,
    int VariantId,
    int SegmentId,
    string EntityId,
    DateTimeOffset Timestamp,
    RecordSource Source);
