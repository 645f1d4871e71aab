namespace ModularAnalytics.Modules.Datar.Application.Recording;

internal enum RecordSource
{
    Evaluation,
    Exposure,
}

/// <summary>One flag evaluation result, resolved against the catalog, as recorders receive it.</summary>
/// <param name="SegmentId">0 when no segment matched.</param>
internal sealed record EvaluationRecord(
    int ProjectId,
    int EnvironmentId,
    int FlagId,
    int VariantId,
    int SegmentId,
    string EntityId,
    DateTimeOffset Timestamp,
    RecordSource Source);
