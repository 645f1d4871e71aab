using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.Modules.Datar.Application.Recording;

namespace ModularAnalytics.Modules.Datar.Application.Evaluations.RecordEvaluations;

/// <summary>One evaluation record as posted (Flagr's field names).</summary>
internal sealed record EvaluationRecordInput(
    int? FlagId,
    string? FlagKey,
    int? VariantId,
    string? VariantKey,
    int? SegmentId,
    string? EntityId,
    DateTimeOffset? Timestamp,
    RecordSource? RecordSource);

/// <summary>A batch of evaluation records from one environment, accepted whole or not at all.</summary>
/// <remarks>A null element is a posted `null`; the validator refuses it, naming its index.</remarks>
internal sealed record RecordEvaluationsCommand(int ProjectId, int EnvironmentId, IReadOnlyList<EvaluationRecordInput?>? Records)
    : ICommand<RecordEvaluationsResult>;

/// <param name="Recorded">Records taken by at least one recorder.</param>
internal sealed record RecordEvaluationsResult(int Accepted, int Recorded, NotRecorded NotRecorded);

/// <param name="RecordersOff">Records not recorded because no recorder is enabled.</param>
/// <param name="FlagNotRecorded">Records not recorded because their flag has dataRecordsEnabled false.</param>
internal sealed record NotRecorded(int RecordersOff, int FlagNotRecorded);
