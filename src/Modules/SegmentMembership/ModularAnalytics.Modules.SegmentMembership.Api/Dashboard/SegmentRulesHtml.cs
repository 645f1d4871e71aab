using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace ModularAnalytics.Modules.SegmentMembership.Api.Dashboard;

/// <summary>A segment's Flagsmith-shaped rules as nested lists a person can read ("ALL of: plan = pro …").</summary>
internal static class SegmentRulesHtml
{
    public static IHtmlContent Render(JsonElement rules)
    {
        var builder = new HtmlContentBuilder();
        AppendRules(builder, rules);
        return builder;
    }

    private static void AppendRules(HtmlContentBuilder builder, JsonElement rules)
    {
        if (rules.ValueKind != JsonValueKind.Array || rules.GetArrayLength() == 0)
        {
            builder.AppendHtml("<p class=\"muted\">No rules: matches nobody.</p>");
            return;
        }

        builder.AppendHtml("<ul class=\"rules\">");
        foreach (var rule in rules.EnumerateArray())
        {
            builder.AppendHtml("<li><strong>");
            builder.Append(Quantifier(Text(rule, "type")));
            builder.AppendHtml("</strong><ul class=\"rules\">");
            if (rule.TryGetProperty("conditions", out var conditions) && conditions.ValueKind == JsonValueKind.Array)
            {
                foreach (var condition in conditions.EnumerateArray())
                {
                    builder.AppendHtml("<li>");
                    builder.AppendHtml(Condition(condition));
                    builder.AppendHtml("</li>");
                }
            }

            if (rule.TryGetProperty("rules", out var nested) && nested.ValueKind == JsonValueKind.Array && nested.GetArrayLength() > 0)
            {
                builder.AppendHtml("<li>");
                AppendRules(builder, nested);
                builder.AppendHtml("</li>");
            }

            builder.AppendHtml("</ul></li>");
        }

        builder.AppendHtml("</ul>");
    }

    private static string Quantifier(string type) => type.ToUpperInvariant() switch
    {
        "ALL" => "all of:",
        "ANY" => "any of:",
        "NONE" => "none of:",
        var other => other + ":",
    };

    private static IHtmlContent Condition(JsonElement condition)
    {
        var property = Text(condition, "property");
        var value = Text(condition, "value");
        var op = Text(condition, "operator").ToUpperInvariant();
        var builder = new HtmlContentBuilder();
        if (op == "PERCENTAGE_SPLIT")
        {
            builder.Append(string.Create(CultureInfo.InvariantCulture, $"in the first {value}% of a split by identity"));
            return builder;
        }

        builder.AppendHtml(Code(property));
        builder.Append(" " + Verb(op) + " ");
        if (op is not ("IS_SET" or "IS_NOT_SET"))
        {
            builder.AppendHtml(Code(op == "MODULO" ? Modulo(value) : value));
        }

        return builder;
    }

    private static string Verb(string op) => op switch
    {
        "EQUAL" => "=",
        "NOT_EQUAL" => "≠",
        "GREATER_THAN" => ">",
        "GREATER_THAN_INCLUSIVE" => "≥",
        "LESS_THAN" => "<",
        "LESS_THAN_INCLUSIVE" => "≤",
        "CONTAINS" => "contains",
        "NOT_CONTAINS" => "does not contain",
        "REGEX" => "matches",
        "IS_SET" => "is set",
        "IS_NOT_SET" => "is not set",
        "MODULO" => "modulo",
        "IN" => "is one of",
        _ => op,
    };

    private static string Modulo(string value) =>
        value.Split('|') is [var divisor, var remainder] ? $"{divisor} leaves {remainder}" : value;

    private static TagBuilder Code(string text)
    {
        var code = new TagBuilder("code");
        code.InnerHtml.Append(text);
        return code;
    }

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() ?? string.Empty,
                JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
                _ => value.GetRawText(),
            }
            : string.Empty;
}
