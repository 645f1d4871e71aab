using System.Numerics;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;
using ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

namespace ModularAnalytics.SegmentMembership.Tests;

public sealed class SqlCompilerTests
{
    private static readonly EnvironmentContext Environment = new("env-key", "Env ' name");

    [Fact]
    public void Rule_values_and_context_constants_only_appear_as_parameters_and_trait_names_as_escaped_paths()
    {
        const string Hostile = "') OR 1=1 --";
        var rules = new[]
        {
            SegmentRule.Any(
                new SegmentCondition("EQUAL", Hostile, Hostile),
                new SegmentCondition("IN", "`x`", null, [Hostile, "b"]),
                new SegmentCondition("REGEX", "$.environment.name", "a\\'"),
                new SegmentCondition("CONTAINS", "$.identity.traits['" + "\\'" + "']", "{p0:String}")),
        };

        var query = SegmentSqlCompiler.CountQuery("env'1", Environment, [new SegmentToCompile("seg ` 1", Hostile, rules)]);

        Assert.Contains("i." + ClickHouseSql.JsonPath("trait_text", Hostile) + ".:String", query.Sql, StringComparison.Ordinal);
        var outsideIdentifiers = System.Text.RegularExpressions.Regex.Replace(query.Sql, @"`(?:[^`\\]|\\.)*`", "``");
        Assert.DoesNotContain("OR 1=1", outsideIdentifiers, StringComparison.Ordinal);
        Assert.DoesNotContain("Env ' name", query.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("env'1", query.Sql, StringComparison.Ordinal);
        Assert.Contains(query.Parameters.Values, v => v is string s && s == Hostile);
        Assert.Contains(query.Parameters.Values, v => v is string[] a && a.Contains(Hostile));
        Assert.Contains(query.Parameters.Values, v => v is string s && s == "Env ' name");
        Assert.Contains("countIf(", query.Sql, StringComparison.Ordinal);
        Assert.Contains("AS `seg \\` 1`", query.Sql, StringComparison.Ordinal);
        Assert.Contains("FINAL", query.Sql, StringComparison.Ordinal);
        Assert.Matches(@"environment_id = \{p[0-9]+:String\}", query.Sql);
    }

    [Fact]
    public void Many_segments_share_one_scan_comparing_prepared_subcolumns_only()
    {
        var segments = Enumerable.Range(0, 30)
            .Select(i => new SegmentToCompile("s" + i, i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [SegmentRule.All(new SegmentCondition("GREATER_THAN", "age", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))]))
            .ToList();
        var integersOnly = new Dictionary<string, IReadOnlySet<string>> { ["age"] = new HashSet<string> { "Int64" } };

        var query = SegmentSqlCompiler.CountQuery("env", Environment, segments, traitTypes: integersOnly);

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(query.Sql, "FROM `identities`"));
        Assert.Equal(30, System.Text.RegularExpressions.Regex.Matches(query.Sql, "countIf\\(").Count);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(query.Sql, "i\\.`trait_integer`\\.`age`\\.:String AS c_0"));
        Assert.Equal(30, System.Text.RegularExpressions.Regex.Matches(query.Sql, @"countIf\(ifNull\(c_0 > \{p[0-9]+:String\}, 0\)\)").Count);
        Assert.DoesNotContain("i.`traits`", query.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("trait_kind", query.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("match(", query.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("getSubcolumn", query.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_rule_list_never_matches() =>
        Assert.Equal("0", new SegmentSqlCompiler(Environment).Compile("k", []));
}
