using System.Globalization;
using FluentValidation;
using FluentValidation.Results;

namespace ModularAnalytics.Modules.Datar.Application.Evaluations.RecordEvaluations;

/// <summary>Shape checks; what needs the catalog (unknown flags and variants) is checked by the handler.</summary>
internal sealed class RecordEvaluationsValidator : AbstractValidator<RecordEvaluationsCommand>
{
    public const int MaxRecords = 10_000;
    public const int MaxEntityIdLength = 512;

    public RecordEvaluationsValidator()
    {
        RuleFor(c => c.Records)
            .NotNull().WithMessage("records is required.")
            .Must(r => r is null || r.Count <= MaxRecords).WithMessage($"At most {MaxRecords} records a batch.")
            .OverridePropertyName("records");

        // One plain loop rather than per-record child rules: those cost a validation context and several async state
        // machines per record, the largest share of ingestion's CPU. An oversized batch is refused as a whole;
        // listing its records' faults too would only bloat the answer.
        RuleFor(c => c.Records)
            .Custom((records, context) =>
            {
                for (var i = 0; i < records!.Count; i++)
                {
                    CheckRecord(records[i], i, context);
                }
            })
            .When(c => c.Records is { Count: <= MaxRecords });
    }

    private static void CheckRecord(EvaluationRecordInput? record, int index, ValidationContext<RecordEvaluationsCommand> context)
    {
        if (record is null)
        {
            Fail(context, index, field: null, "A record is an object, not null.");
            return;
        }

        if (record.FlagId is null && string.IsNullOrEmpty(record.FlagKey))
        {
            Fail(context, index, "flagID", "Name the flag by flagID or flagKey.");
        }

        if (record.VariantId is null && string.IsNullOrEmpty(record.VariantKey))
        {
            Fail(context, index, "variantID", "Name the variant by variantID or variantKey.");
        }

        if (record.SegmentId < 0)
        {
            Fail(context, index, "segmentID", "segmentID is 0 (no segment) or a segment id, at most 2147483647.");
        }

        if (string.IsNullOrWhiteSpace(record.EntityId))
        {
            Fail(context, index, "entityID", "entityID is required.");
        }
        if (record.EntityId?.Length > MaxEntityIdLength)
        {
            Fail(context, index, "entityID", $"entityID is at most {MaxEntityIdLength} characters.");
        }
    }

    private static void Fail(ValidationContext<RecordEvaluationsCommand> context, int index, string? field, string message) =>
        context.AddFailure(new ValidationFailure(
            field is null
                ? string.Create(CultureInfo.InvariantCulture, $"records[{index}]")
                : string.Create(CultureInfo.InvariantCulture, $"records[{index}].{field}"),
            message));
}
