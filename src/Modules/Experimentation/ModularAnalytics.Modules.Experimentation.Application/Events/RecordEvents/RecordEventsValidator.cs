using FluentValidation;

namespace ModularAnalytics.Modules.Experimentation.Application.Events.RecordEvents;

/// <summary>Shape checks; what depends on the clock (future and too-old timestamps) is checked by the handler.</summary>
internal sealed class RecordEventsValidator : AbstractValidator<RecordEventsCommand>
{
    public const int MaxEvents = 10_000;
    public const int MaxEventLength = 200;
    public const int MaxTextLength = 1000;

    public RecordEventsValidator()
    {
        RuleFor(c => c.Events)
            .NotNull().WithMessage("events is required.")
            .Must(e => e is null || e.Count <= MaxEvents).WithMessage($"At most {MaxEvents} events a call.")
            .OverridePropertyName("events");

        RuleForEach(c => c.Events).NotNull().WithMessage("An event is an object {event, identifier, ...}.").OverridePropertyName("events")
            .When(c => c.Events is { Count: <= MaxEvents });
        RuleForEach(c => c.Events).ChildRules(e =>
        {
            e.RuleFor(x => x!.Event)
                .NotEmpty().WithMessage("event is required.")
                .MaximumLength(MaxEventLength).WithMessage($"event is at most {MaxEventLength} characters.")
                .OverridePropertyName("event");
            e.RuleFor(x => x!.Identifier)
                .NotEmpty().WithMessage("identifier is required.")
                .MaximumLength(MaxTextLength).WithMessage($"identifier is at most {MaxTextLength} characters.")
                .OverridePropertyName("identifier");
            e.RuleFor(x => x!.FeatureName)
                .MaximumLength(MaxTextLength).WithMessage($"featureName is at most {MaxTextLength} characters.")
                .OverridePropertyName("featureName");
            e.RuleFor(x => x!.Value)
                .MaximumLength(MaxTextLength).WithMessage($"value is at most {MaxTextLength} characters.")
                .OverridePropertyName("value");
        })
        .OverridePropertyName("events")
        // An oversized batch is refused as a whole; listing its events' faults too would only bloat the answer.
        .When(c => c.Events is { Count: <= MaxEvents });
    }
}
