using FluentValidation;
using FluentValidation.Results;
using ModularAnalytics.Modules.SegmentMembership.Domain.Segments;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments;

/// <summary>Validation of <see cref="ISegmentInput"/>; the rule errors come from the domain's parser and validator.</summary>
internal abstract class SegmentInputValidator<T> : AbstractValidator<T>
    where T : ISegmentInput
{
    protected SegmentInputValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Segment.MaxNameLength).OverridePropertyName("name");
        RuleFor(c => c.Key).MaximumLength(Segment.MaxKeyLength).OverridePropertyName("key");
        RuleFor(c => c.Description).MaximumLength(Segment.MaxDescriptionLength).OverridePropertyName("description");
        RuleFor(c => c).Custom((input, context) =>
        {
            foreach (var error in SegmentRulesInput.Check(input.Rules))
            {
                context.AddFailure(new ValidationFailure(error.Path, error.Message));
            }
        });
    }
}
