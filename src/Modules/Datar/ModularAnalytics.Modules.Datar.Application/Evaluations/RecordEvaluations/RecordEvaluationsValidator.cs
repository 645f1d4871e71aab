using FluentValidation;

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

        RuleForEach(c => c.Records)
            .NotNull().WithMessage("A record is an object, not null.")
            .ChildRules(record =>
        {
            record.RuleFor(r => r)
                .Must(r => r!.FlagId is not null || !string.IsNullOrEmpty(r.FlagKey))
                .WithMessage("Name the flag by flagID or flagKey.")
                .OverridePropertyName("flagID");
            record.RuleFor(r => r)
                .Must(r => r!.VariantId is not null || !string.IsNullOrEmpty(r.VariantKey))
                .WithMessage("Name the variant by variantID or variantKey.")
                .OverridePropertyName("variantID");
            record.RuleFor(r => r!.SegmentId)
                .GreaterThanOrEqualTo(0).WithMessage("segmentID is 0 (no segment) or a segment id, at most 2147483647.")
                .OverridePropertyName("segmentID");
            record.RuleFor(r => r!.EntityId)
                .NotEmpty().WithMessage("entityID is required.")
                .MaximumLength(MaxEntityIdLength).WithMessage($"entityID is at most {MaxEntityIdLength} characters.")
                .OverridePropertyName("entityID");
        })
        .OverridePropertyName("records")
        // An oversized batch is refused as a whole; listing its records' faults too would only bloat the answer.
        .When(c => c.Records is { Count: <= MaxRecords });
    }
}
