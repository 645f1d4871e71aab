using System.Text.Json;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;
using ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;
using ModularAnalytics.SegmentMembership.Tests.Support;
using ModularAnalytics.SegmentMembership.Tests.Support.Oracle;

namespace ModularAnalytics.SegmentMembership.Tests;

/// <summary>
/// REGEX means Python's <c>re.match</c>: every pattern of Data/python-regex-verdicts.json (made by
/// Data/python_regex_verdicts.py with CPython) must be accepted and give CPython's verdict on every value, both as the
/// warehouse's RE2 runs it (chDB) and in the evaluator.
/// </summary>
public sealed class RegexTranslationTests : WarehouseTest
{
    private static readonly EnvironmentContext Environment = new("env", "Production");

    [Fact]
    public async Task Translated_patterns_give_cpythons_verdicts_in_re2_and_in_the_evaluator()
    {
        using var data = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", "python-regex-verdicts.json")));
        var values = data.RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToArray();
        var patterns = data.RootElement.GetProperty("patterns").EnumerateArray().ToList();
        Assert.True(patterns.Count >= 80, "the data file holds the recorded patterns");
        var mismatches = new List<string>();
        foreach (var entry in patterns)
        {
            var pattern = entry.GetProperty("pattern").GetString()!;
            var expected = entry.GetProperty("matches").GetString()!;
            if (!RegexSubset.TryParse(pattern, out var pieces, out var error))
            {
                mismatches.Add($"/{pattern}/ refused: {error}");
                continue;
            }

            var query = new ClickHouseQuery("SELECT arrayMap(v -> toUInt8(match(v, {p:String})), {values:Array(String)}) AS m")
                .WithParameter("p", Re2Pattern.Render(pieces))
                .WithParameter("values", values);
            var sql = (await Client.QueryAsync(query)).Single().Get<int[]>("m")!;
            for (var i = 0; i < values.Length; i++)
            {
                var python = expected[i] == '1';
                var evaluator = SegmentEvaluator.Matches("s", [SegmentRule.All(new SegmentCondition("REGEX", "t", pattern))],
                    new IdentityContext("u", null, new Dictionary<string, TraitValue> { ["t"] = TraitValue.FromString(values[i]) }), Environment);
                if ((sql[i] == 1) != python || evaluator != python)
                {
                    mismatches.Add($"/{pattern}/ on {JsonSerializer.Serialize(values[i])}: CPython {python}, RE2 {sql[i] == 1}, evaluator {evaluator}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Theory]
    [InlineData(@"(a)\1")] // back-reference
    [InlineData("(?=a)a")] // look-ahead
    [InlineData("(?<!a)b")] // look-behind
    [InlineData(@"\bword")] // Python's \b is Unicode-aware, RE2's ASCII-only
    [InlineData("a*+")] // possessive
    [InlineData("(?>a)")] // atomic group
    [InlineData("(?x)a b")] // verbose flag
    [InlineData("a(?i)b")] // global flags not at the start: an error in Python 3.11
    [InlineData("((a{1,1000}){1,1000}){1,1000}")] // beyond RE2's repetition budget
    [InlineData("(a{10}){101}")]
    [InlineData("a{1001}")]
    [InlineData("a**")]
    [InlineData("[b-a]")]
    [InlineData(@"[\d-z]")]
    public void Patterns_re2_cannot_mean_as_python_does_are_refused(string pattern) =>
        Assert.False(RegexSubset.TryParse(pattern, out _, out _));

    [Theory]
    [InlineData("(a{10}){100}")]
    [InlineData(@"\w{1,1000}")]
    public void Repetition_within_re2s_budget_is_accepted(string pattern) =>
        Assert.True(RegexSubset.TryParse(pattern, out _, out var error), error);
}
