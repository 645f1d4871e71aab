using System.Text.Json;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.SegmentMembership.Tests;

public sealed class RuleValidationTests
{
    private static IReadOnlyList<SegmentRuleError> Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        var rules = SegmentRuleJson.Parse(document.RootElement, out var parseErrors);
        return [.. parseErrors, .. SegmentRuleValidator.Validate(rules)];
    }

    private static string Rule(string conditions) => $$"""[{"type": "ALL", "conditions": [{"operator": "EQUAL", "property": "a", "value": "1"}, {{conditions}}]}]""";

    [Theory]
    [InlineData("""{"operator": "BETWEEN", "property": "a", "value": "1"}""", "rules[0].conditions[1].operator")]
    [InlineData("""{"operator": "MODULO", "property": "a", "value": "2"}""", "rules[0].conditions[1].value")]
    [InlineData("""{"operator": "MODULO", "property": "a", "value": "0|1"}""", "rules[0].conditions[1].value")]
    [InlineData("""{"operator": "REGEX", "property": "a", "value": "(?=a)abc"}""", "rules[0].conditions[1].value")]
    [InlineData("""{"operator": "REGEX", "property": "a", "value": "a(b"}""", "rules[0].conditions[1].value")]
    [InlineData("""{"operator": "REGEX", "property": "a", "value": "\\bword"}""", "rules[0].conditions[1].value")]
    [InlineData("""{"operator": "REGEX", "property": "a", "value": "a$b"}""", "rules[0].conditions[1].value")]
    [InlineData("""{"operator": "PERCENTAGE_SPLIT", "property": "", "value": "101"}""", "rules[0].conditions[1].value")]
    [InlineData("""{"operator": "PERCENTAGE_SPLIT", "property": "", "value": "ten"}""", "rules[0].conditions[1].value")]
    [InlineData("""{"operator": "EQUAL", "property": "a", "value": "1.x:semver"}""", "rules[0].conditions[1].value")]
    [InlineData("""{"operator": "EQUAL", "property": "a"}""", "rules[0].conditions[1].value")]
    [InlineData("""{"operator": "EQUAL", "property": "a", "value": ["x"]}""", "rules[0].conditions[1].value")]
    [InlineData("""{"operator": "IN", "property": "a", "value": [["nested"]]}""", "rules[0].conditions[1].value")]
    [InlineData("""{"operator": "EQUAL", "property": "$.identity.traits[*]", "value": "x"}""", "rules[0].conditions[1].property")]
    [InlineData("""{"operator": "EQUAL", "property": "", "value": "x"}""", "rules[0].conditions[1].property")]
    public void Invalid_conditions_are_reported_at_their_path(string condition, string path)
    {
        var errors = Validate(Rule(condition));

        Assert.Contains(errors, e => e.Path == path);
    }

    [Theory]
    [InlineData("""{"operator": "MODULO", "property": "a", "value": "2"}""", true)]
    [InlineData("""{"operator": "MODULO", "property": "a", "value": "0|1"}""", true)]
    [InlineData("""{"operator": "PERCENTAGE_SPLIT", "property": "", "value": "ten"}""", true)]
    [InlineData("""{"operator": "LESS_THAN", "property": "a", "value": "1.x:semver"}""", true)]
    [InlineData("""{"operator": "MODULO", "property": "a"}""", false)]
    [InlineData("""{"operator": "MODULO", "property": "a", "value": ["2|0"]}""", false)]
    [InlineData("""{"operator": "REGEX", "property": "a", "value": "a(b"}""", false)]
    public void Malformed_values_Flagsmith_stores_are_marked_never_matching(string condition, bool neverMatching)
    {
        var error = Assert.Single(Validate(Rule(condition)));

        Assert.Equal(neverMatching, error.NeverMatching);
    }

    [Fact]
    public void A_valid_tree_has_no_errors()
    {
        var errors = Validate("""
            [{"type": "ANY", "conditions": [
                {"operator": "REGEX", "property": "v", "value": "\\d*[13579]$"},
                {"operator": "MODULO", "property": "n", "value": "3|1"},
                {"operator": "IN", "property": "$.identity.traits['a.b']", "value": [1, "x", true]},
                {"operator": "PERCENTAGE_SPLIT", "property": "", "value": "12.5"},
                {"operator": "GREATER_THAN", "property": "app", "value": "1.2.3-beta.1:semver"},
                {"operator": "IS_SET", "property": "$.environment.name"}],
              "rules": [{"type": "NONE", "conditions": [{"operator": "CONTAINS", "property": "s", "value": "%_"}]}]}]
            """);

        Assert.Empty(errors);
    }

    [Fact]
    public void Unknown_rule_types_and_deep_nesting_are_reported()
    {
        var nested = "{\"type\": \"ALL\", \"conditions\": []}";
        for (var i = 0; i < SegmentRuleValidator.MaxDepth; i++)
        {
            nested = $"{{\"type\": \"ALL\", \"rules\": [{nested}]}}";
        }

        var errors = Validate($"[{{\"type\": \"SOME\"}}, {nested}]");

        Assert.Contains(errors, e => e.Path == "rules[0].type");
        Assert.Contains(errors, e => e.Path.StartsWith("rules[1].rules[0]", StringComparison.Ordinal) && e.Message.Contains("nest", StringComparison.Ordinal));
    }

    [Fact]
    public void Too_many_conditions_are_reported()
    {
        var conditions = string.Join(", ", Enumerable.Repeat("""{"operator": "IS_SET", "property": "a"}""", SegmentRuleValidator.MaxConditions + 1));

        var errors = Validate($$"""[{"type": "ALL", "conditions": [{{conditions}}]}]""");

        Assert.Contains(errors, e => e.Path == "rules");
    }
}
