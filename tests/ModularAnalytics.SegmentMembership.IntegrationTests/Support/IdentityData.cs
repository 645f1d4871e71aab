using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;
using ModularAnalytics.SegmentMembership.Tests.Support.Oracle;

namespace ModularAnalytics.SegmentMembership.IntegrationTests.Support;

/// <summary>Identities with known traits, and the expected counts computed by the in-memory evaluator.</summary>
internal static class IdentityData
{
    private static readonly string[] Plans = ["free", "pro", "enterprise"];
    private static readonly string[] Countries = ["de", "fr", "us", "gb", "jp"];

    /// <summary>Mixed operators, a nested rule, an environment condition, a custom salt and an empty segment.</summary>
    public static readonly (string Name, string Rules, string? Key)[] Segments =
    [
        ("plan-pro", """[{"type":"ALL","conditions":[{"operator":"EQUAL","property":"plan","value":"pro"}]}]""", null),
        ("adults-eu", """[{"type":"ALL","conditions":[{"operator":"GREATER_THAN_INCLUSIVE","property":"age","value":"30"},{"operator":"IN","property":"country","value":"de,fr"}]}]""", null),
        ("low-or-beta", """[{"type":"ANY","conditions":[{"operator":"LESS_THAN","property":"score","value":"0.25"},{"operator":"EQUAL","property":"beta","value":"true"}]}]""", null),
        ("ends-in-7", """[{"type":"ALL","conditions":[{"operator":"REGEX","property":"$.identity.identifier","value":"user-\\d*7$"}]}]""", null),
        ("beta-unset", """[{"type":"ALL","conditions":[{"operator":"IS_NOT_SET","property":"beta"}]}]""", null),
        ("age-mod-5", """[{"type":"ALL","conditions":[{"operator":"MODULO","property":"age","value":"5|0"}]}]""", null),
        ("split-30", """[{"type":"ALL","conditions":[{"operator":"PERCENTAGE_SPLIT","property":"","value":"30"}]}]""", "salt-1"),
        ("not-free", """[{"type":"NONE","conditions":[{"operator":"EQUAL","property":"plan","value":"free"}]}]""", null),
        ("semver", """[{"type":"ALL","conditions":[{"operator":"GREATER_THAN","property":"version","value":"1.5.0:semver"}]}]""", null),
        ("example-mail", """[{"type":"ALL","conditions":[{"operator":"CONTAINS","property":"email","value":"@example"}]}]""", null),
        ("prod-nested", """[{"type":"ALL","conditions":[{"operator":"EQUAL","property":"$.environment.name","value":"Production"}],"rules":[{"type":"ANY","conditions":[{"operator":"EQUAL","property":"plan","value":"enterprise"},{"operator":"LESS_THAN","property":"age","value":"25"}]}]}]""", null),
        ("empty", "[]", null),
    ];

    public static JsonArray Identities(int count, int variant) =>
        [.. Enumerable.Range(0, count).Select(i => (JsonNode)Identity(i, variant))];

    public static JsonObject Identity(int i, int variant)
    {
        var traits = new JsonObject
        {
            ["plan"] = Plans[((i * 7) + variant) % 3],
            ["age"] = 18 + (((i * 13) + variant) % 60),
            ["score"] = JsonNode.Parse((((i * 37) + variant) % 100 / 100.0 + 0.001).ToString("R", CultureInfo.InvariantCulture)),
            ["country"] = Countries[(i + variant) % 5],
            ["version"] = $"1.{i % 10}.{(i + variant) % 3}",
            ["email"] = i % 4 == variant % 4 ? $"u{i}@example.com" : $"u{i}@corp.io",
            ["beta"] = i % 7 == 0 ? null : (i + variant) % 2 == 0,
        };
        var identity = new JsonObject { ["identifier"] = "user-" + i.ToString("D4", CultureInfo.InvariantCulture), ["traits"] = traits };
        if (i % 10 == 3)
        {
            identity["key"] = "custom-" + i.ToString(CultureInfo.InvariantCulture);
        }

        return identity;
    }

    public static IdentityContext Context(JsonNode identity)
    {
        var traits = new Dictionary<string, TraitValue>(StringComparer.Ordinal);
        foreach (var (name, value) in identity["traits"]!.AsObject())
        {
            var trait = TraitValue.FromJson(JsonSerializer.SerializeToElement(value));
            if (trait.Kind != TraitValueKind.Null)
            {
                traits[name] = trait;
            }
        }

        return new IdentityContext(identity["identifier"]!.GetValue<string>(), identity["key"]?.GetValue<string>(), traits);
    }

    public static IReadOnlyList<SegmentRule> Rules(JsonElement rules) => SegmentRuleJson.Parse(rules, out _);

    public static long Expected(SegmentBody segment, IEnumerable<JsonNode?> identities, EnvironmentBody environment)
    {
        var rules = Rules(segment.Rules);
        var context = new EnvironmentContext(environment.Key, environment.Name);
        return identities.LongCount(i => SegmentEvaluator.Matches(segment.Key, rules, Context(i!), context));
    }

    public static IEnumerable<string> ExpectedMembers(SegmentBody segment, IEnumerable<JsonNode?> identities, EnvironmentBody environment)
    {
        var rules = Rules(segment.Rules);
        var context = new EnvironmentContext(environment.Key, environment.Name);
        return identities.Select(i => Context(i!)).Where(i => SegmentEvaluator.Matches(segment.Key, rules, i, context)).Select(i => i.Identifier).Order(StringComparer.Ordinal);
    }
}
