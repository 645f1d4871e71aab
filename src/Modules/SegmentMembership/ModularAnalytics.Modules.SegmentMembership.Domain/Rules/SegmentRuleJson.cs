using System.Text.Json;

namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

/// <summary>Reads Flagsmith's rule JSON (<c>[{type, conditions: [{operator, property, value}], rules}]</c>) into the model.</summary>
public static class SegmentRuleJson
{
    public static IReadOnlyList<SegmentRule> Parse(JsonElement rules, out IReadOnlyList<SegmentRuleError> errors)
    {
        var list = new List<SegmentRuleError>();
        errors = list;
        return ReadRules(rules, "rules", list);
    }

    /// <summary>Parses rules as stored with a segment: the validator accepted them before they were stored.</summary>
    public static IReadOnlyList<SegmentRule> ParseStored(string rulesJson)
    {
        using var document = JsonDocument.Parse(rulesJson);
        return Parse(document.RootElement, out _);
    }

    private static List<SegmentRule> ReadRules(JsonElement element, string path, List<SegmentRuleError> errors)
    {
        var rules = new List<SegmentRule>();
        if (element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return rules;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new(path, "Expected an array of rules."));
            return rules;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var rulePath = $"{path}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new(rulePath, "Expected a rule object."));
                continue;
            }

            var type = SegmentRuleType.All;
            if (!item.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String
                || !TryParseType(typeElement.GetString()!, out type))
            {
                errors.Add(new(rulePath + ".type", "Expected \"ALL\", \"ANY\" or \"NONE\"."));
            }

            var conditions = new List<SegmentCondition>();
            if (item.TryGetProperty("conditions", out var conditionsElement) && conditionsElement.ValueKind != JsonValueKind.Null)
            {
                if (conditionsElement.ValueKind != JsonValueKind.Array)
                {
                    errors.Add(new(rulePath + ".conditions", "Expected an array of conditions."));
                }
                else
                {
                    var c = 0;
                    foreach (var condition in conditionsElement.EnumerateArray())
                    {
                        var read = ReadCondition(condition, $"{rulePath}.conditions[{c++}]", errors);
                        if (read is not null)
                        {
                            conditions.Add(read);
                        }
                    }
                }
            }

            var subRules = item.TryGetProperty("rules", out var rulesElement) ? ReadRules(rulesElement, rulePath + ".rules", errors) : [];
            rules.Add(new SegmentRule(type, conditions, subRules));
        }

        return rules;
    }

    private static SegmentCondition? ReadCondition(JsonElement element, string path, List<SegmentRuleError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, "Expected a condition object."));
            return null;
        }

        var op = element.TryGetProperty("operator", out var opElement) && opElement.ValueKind == JsonValueKind.String ? opElement.GetString()! : null;
        if (op is null)
        {
            errors.Add(new(path + ".operator", "An operator is required."));
            return null;
        }

        var property = string.Empty;
        if (element.TryGetProperty("property", out var propertyElement) && propertyElement.ValueKind != JsonValueKind.Null)
        {
            if (propertyElement.ValueKind != JsonValueKind.String)
            {
                errors.Add(new(path + ".property", "The property must be a string."));
                return null;
            }

            property = propertyElement.GetString()!;
        }

        if (!element.TryGetProperty("value", out var valueElement) || valueElement.ValueKind == JsonValueKind.Null)
        {
            return new SegmentCondition(op, property, null);
        }

        if (valueElement.ValueKind == JsonValueKind.Array)
        {
            var items = new List<string>();
            foreach (var item in valueElement.EnumerateArray())
            {
                var text = PythonLiteral.StrOfJsonScalar(item);
                if (text is null)
                {
                    errors.Add(new(path + ".value", "Array values may only hold strings, numbers, booleans or null."));
                    return null;
                }

                items.Add(text);
            }

            return new SegmentCondition(op, property, null, items);
        }

        var value = PythonLiteral.StrOfJsonScalar(valueElement);
        if (value is null)
        {
            errors.Add(new(path + ".value", "The value must be a string, number, boolean or an array."));
            return null;
        }

        return new SegmentCondition(op, property, value);
    }

    private static bool TryParseType(string text, out SegmentRuleType type)
    {
        switch (text)
        {
            case "ALL": type = SegmentRuleType.All; return true;
            case "ANY": type = SegmentRuleType.Any; return true;
            case "NONE": type = SegmentRuleType.None; return true;
            default: type = SegmentRuleType.All; return false;
        }
    }
}
