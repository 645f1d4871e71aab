using System.Text.Json;

namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

/// <summary>How a condition's value text is read for IN and MODULO, following Flagsmith's engine.</summary>
public static class ConditionValues
{
    /// <summary>
    /// IN's candidate strings: a JSON array value as given; text starting with '[' tried as a JSON array (falling back
    /// to a comma split when it is not valid JSON); otherwise the text split on every comma, without trimming.
    /// Null when the condition has no value (it then never matches). Nested arrays or objects are skipped.
    /// </summary>
    public static IReadOnlySet<string>? InValues(SegmentCondition condition)
    {
        if (condition.ValueItems is { } items)
        {
            return items.ToHashSet(StringComparer.Ordinal);
        }

        if (condition.Value is not { } text)
        {
            return null;
        }

        if (text.StartsWith('['))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind == JsonValueKind.Array)
                {
                    return document.RootElement.EnumerateArray()
                        .Select(PythonLiteral.StrOfJsonScalar)
                        .OfType<string>()
                        .ToHashSet(StringComparer.Ordinal);
                }
            }
            catch (JsonException)
            {
            }
        }

        return text.Split(',').ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>MODULO's <c>"divisor|remainder"</c>: exactly one '|', both sides Python floats.</summary>
    public static bool TryParseModulo(string? value, out double divisor, out double remainder)
    {
        divisor = remainder = 0;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var parts = value.Split('|');
        return parts.Length == 2 && PythonLiteral.TryParseFloat(parts[0], out divisor) && PythonLiteral.TryParseFloat(parts[1], out remainder);
    }

    /// <summary>The value without its <c>:semver</c> suffix.</summary>
    public static string SemverText(SegmentCondition condition) => condition.Value![..^7];
}
