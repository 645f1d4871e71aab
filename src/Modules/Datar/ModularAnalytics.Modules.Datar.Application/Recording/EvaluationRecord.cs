namespace ModularAnalytics.Modules.Datar.Application.Recording;

public enum RecordSource
{
    Evaluation,
    Exposure,
}

/// <summary>One flag evaluation result, resolved against the catalog, as recorders receive it.</summary>
/// <remarks>A struct: a batch holds up to 10,000 of them, and an object each would be garbage per record.</remarks>
/// <param name="SegmentId">0 when no segment matched.</param>
public readonly record struct EvaluationRecord(
    int ProjectId,
    int EnvironmentId,
    int FlagId,
    int VariantId,
    int SegmentId,
    string EntityId,
    DateTimeOffset Timestamp,
    RecordSource Source);

/// <summary>A destination for evaluation results (Flagr's DataRecorder).</summary>
public interface IDataRecorder
{
    string Name { get; }

    /// <summary>Whether the whole batch can be taken now; a recorder at its memory bound says no, and nothing is recorded.</summary>
    bool CanAccept(int records);

    ValueTask RecordAsync(IReadOnlyList<EvaluationRecord> records, CancellationToken cancellationToken);
}
