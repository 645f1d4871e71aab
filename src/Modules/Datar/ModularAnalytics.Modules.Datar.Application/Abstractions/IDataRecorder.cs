using ModularAnalytics.Modules.Datar.Application.Recording;

namespace ModularAnalytics.Modules.Datar.Application.Abstractions;

/// <summary>A destination for evaluation results (Flagr's DataRecorder).</summary>
internal interface IDataRecorder
{
    string Name { get; }

    /// <summary>Whether the whole batch can be taken now; a recorder at its memory bound says no, and nothing is recorded.</summary>
    bool CanAccept(int records);

    ValueTask RecordAsync(IReadOnlyList<EvaluationRecord> records, CancellationToken cancellationToken);
}
