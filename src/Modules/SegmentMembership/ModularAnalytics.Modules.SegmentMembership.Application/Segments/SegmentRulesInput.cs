using System.Globalization;
using System.Text.Json;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments;

/// <summary>The rules of a segment as written: checked by the domain's parser and validator, then by the warehouse's regex engine.</summary>
internal static class SegmentRulesInput
{
    public static string Compact(JsonElement rules) => JsonSerializer.Serialize(rules);

    /// <summary>
    /// Problems with the rules, keyed by path (<c>rules[0].conditions[2].value</c>): every rule error but a value the
    /// validator marks <see cref="SegmentRuleError.NeverMatching"/>, which is stored, not refused.
    /// </summary>
    public static IReadOnlyList<SegmentRuleError> Check(JsonElement? rules)
    {
        if (rules is not { } element || element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return [new SegmentRuleError("rules", "Rules are required (an array, possibly empty).")];
        }

        var parsed = SegmentRuleJson.Parse(element, out var errors);
        return errors.Count > 0 ? errors : [.. SegmentRuleValidator.Validate(parsed).Where(e => !e.NeverMatching)];
    }

    /// <summary>
    /// What the parser accepted must also compile under the warehouse engine's own rules (program size, nesting):
    /// a refused pattern is a 400 naming the value, as any other rule error.
    /// </summary>
    public static async Task CheckPatternsWithEngineAsync(IRegexEngineCheck regexEngine, string rulesJson, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (path, condition) in Conditions(SegmentRuleJson.ParseStored(rulesJson)))
        {
            if (condition.ParsedOperator == SegmentOperator.Regex && condition.Value is { } pattern
                && await regexEngine.CheckAsync(pattern, cancellationToken) is { } refusal)
            {
                errors[path + ".value"] = [$"The pattern '{pattern}' cannot be evaluated by the warehouse's regex engine (RE2): {refusal}"];
            }
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }

    /// <summary>Every condition with its path (<c>rules[0].rules[1].conditions[2]</c>).</summary>
    public static IEnumerable<(string Path, SegmentCondition Condition)> Conditions(IReadOnlyList<SegmentRule> rules, string prefix = "rules")
    {
        for (var i = 0; i < rules.Count; i++)
        {
            var path = $"{prefix}[{i.ToString(CultureInfo.InvariantCulture)}]";
            for (var j = 0; j < rules[i].Conditions.Count; j++)
            {
                yield return ($"{path}.conditions[{j.ToString(CultureInfo.InvariantCulture)}]", rules[i].Conditions[j]);
            }

            foreach (var nested in Conditions(rules[i].Rules, path + ".rules"))
            {
                yield return nested;
            }
        }
    }
}
