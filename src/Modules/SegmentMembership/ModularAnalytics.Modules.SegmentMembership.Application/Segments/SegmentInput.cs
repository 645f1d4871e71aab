using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;
using ModularAnalytics.Modules.SegmentMembership.Domain.Segments;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments;

/// <summary>The writable fields of a segment, shared by create and replace.</summary>
internal interface ISegmentInput
{
    string? Name { get; }

    string? Key { get; }

    string? Description { get; }

    JsonElement? Rules { get; }
}

internal static class SegmentRulesInput
{
    /// <summary>Parses rules the validator has accepted.</summary>
    public static IReadOnlyList<SegmentRule> ParseStored(string rulesJson)
    {
        using var document = JsonDocument.Parse(rulesJson);
        return SegmentRuleJson.Parse(document.RootElement, out _);
    }

    /// <summary>Problems with the rules, keyed by path (<c>rules[0].conditions[2].value</c>).</summary>
    public static IReadOnlyList<SegmentRuleError> Check(JsonElement? rules)
    {
        if (rules is not { } element || element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return [new SegmentRuleError("rules", "Rules are required (an array, possibly empty).")];
        }

        var parsed = SegmentRuleJson.Parse(element, out var errors);
        return errors.Count > 0 ? errors : SegmentRuleValidator.Validate(parsed);
    }
}

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
