namespace ModularAnalytics.Modules.Datar.Application.Recording;

internal enum RecordSource
{
    Evaluation,
    Exposure,
}

/// <summary>One flag evaluation result, resolved against the catalog, as recorders receive it.</summary>
/// <remarks>A struct: a batch holds up to 10,000 of them, and an object each would be garbage per record.</remarks>
/// <param name="SegmentId">0 when no segment matched.</param>
internal readonly record struct EvaluationRecord(
    int ProjectId,
    int EnvironmentId,
    int FlagId,
    int VariantId,
    int SegmentId,
    string EntityId,
    DateTimeOffset Timestamp,
    RecordSource Source);
