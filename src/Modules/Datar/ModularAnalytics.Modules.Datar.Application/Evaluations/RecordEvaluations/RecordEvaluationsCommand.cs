using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.Modules.Datar.Application.Recording;

namespace ModularAnalytics.Modules.Datar.Application.Evaluations.RecordEvaluations;

/// <summary>One evaluation record as posted (Flagr's field names).</summary>
public sealed record EvaluationRecordInput(
    int? FlagId,
    string? FlagKey,
    int? VariantId,
    string? VariantKey,
    int? SegmentId,
    string? EntityId,
    DateTimeOffset? Timestamp,
    RecordSource? RecordSource);

/// <summary>A batch of evaluation records from one environment, accepted whole or not at all.</summary>
public sealed record RecordEvaluationsCommand(int ProjectId, int EnvironmentId, IReadOnlyList<EvaluationRecordInput>? Records)
    : ICommand<RecordEvaluationsResult>;

public sealed record RecordEvaluationsResult(int Accepted);
