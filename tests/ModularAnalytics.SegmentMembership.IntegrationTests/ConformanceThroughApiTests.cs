using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;
using ModularAnalytics.SegmentMembership.IntegrationTests.Support;
using ModularAnalytics.SegmentMembership.Tests.Support.Oracle;
using Xunit;
using Xunit.Abstractions;

namespace ModularAnalytics.SegmentMembership.IntegrationTests;

/// <summary>
/// Every shared Flagsmith conformance case through the public API only: a project per case with one environment named
/// like the case's (<c>$.environment.name</c> is the environment's name, <c>$.environment.key</c> its generated key),
/// the case's segments with their rules and keys, its identity bulk-posted with its key and traits, a refresh, and
/// the counts (1 = member) compared with <c>result.segments</c>.
/// <para>
/// The one case whose identity has no key relies on the default key <c>&lt;environment key&gt;_&lt;identifier&gt;</c>
/// with the case's environment key, which an API-created environment cannot have: that case is checked against the
/// evaluator with the real key, and again with the identity key the case implies posted explicitly.
/// </para>
/// </summary>
public sealed class ConformanceThroughApiTests(SqliteSegmentServiceFactory factory, ITestOutputHelper output) : IClassFixture<SqliteSegmentServiceFactory>
{
    internal const int ExpectedCaseCount = 133;

    [Fact]
    public async Task Every_shared_case_gives_flagsmiths_result_through_the_public_api()
    {
        var cases = LoadCases();
        Assert.Equal(ExpectedCaseCount, cases.Count);
        var org = await factory.CreateOrganisationAsync(inspection: true, "Conformance");
        using var client = factory.CreateBearerClient(org.ApiToken);
        var before = DateTime.UtcNow;
        var runs = new List<(string Name, EnvironmentBody Environment, Dictionary<string, bool> Expected, int ProjectId)>();
        foreach (var (name, document) in cases)
        {
            var context = document.RootElement.GetProperty("context");
            var environmentJson = context.GetProperty("environment");
            var segments = context.TryGetProperty("segments", out var s) && s.ValueKind == JsonValueKind.Object ? s.EnumerateObject().ToList() : [];
            var expectedNames = document.RootElement.GetProperty("result").GetProperty("segments").EnumerateArray().Select(x => x.GetProperty("name").GetString()!).ToHashSet();
            var identity = context.TryGetProperty("identity", out var id) && id.ValueKind == JsonValueKind.Object ? id : (JsonElement?)null;
            var keyless = identity is { } i && !(i.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String);

            foreach (var variant in keyless ? new[] { false, true } : [false])
            {
                var project = await client.CreateProjectAsync(org.Id, name);
                var environment = await client.CreateEnvironmentAsync(project.Id, environmentJson.GetProperty("name").GetString()!);
                var expected = new Dictionary<string, bool>(StringComparer.Ordinal);
                foreach (var segment in segments)
                {
                    var segmentName = segment.Value.GetProperty("name").GetString()!;
                    var segmentKey = segment.Value.TryGetProperty("key", out var sk) ? sk.GetString()! : segment.Name;
                    var created = await client.CreateSegmentAsync(project.Id, segmentName, segment.Value.GetProperty("rules").GetRawText(), segmentKey);
                    expected[created.Name + "#" + created.Id] = expectedNames.Contains(segmentName);
                    if (keyless && !variant)
                    {
                        // The default key is built from this environment's generated key: the evaluator says what that gives.
                        var rules = SegmentRuleJson.Parse(segment.Value.GetProperty("rules"), out _);
                        var traits = identity!.Value.TryGetProperty("traits", out var t) && t.ValueKind == JsonValueKind.Object
                            ? t.EnumerateObject().ToDictionary(x => x.Name, x => TraitValue.FromJson(x.Value))
                            : [];
                        expected[created.Name + "#" + created.Id] = SegmentEvaluator.Matches(segmentKey, rules,
                            new IdentityContext(identity.Value.GetProperty("identifier").GetString()!, null, traits), new EnvironmentContext(environment.Key, environment.Name));
                    }
                }

                if (identity is { } body)
                {
                    var node = JsonNode.Parse(body.GetRawText())!.AsObject();
                    if (variant)
                    {
                        node["key"] = environmentJson.GetProperty("key").GetString() + "_" + node["identifier"]!.GetValue<string>();
                    }

                    await factory.PostIdentitiesAsync(environment.Key, [node]);
                }

                await client.RefreshAsync(project.Id);
                runs.Add((name + (variant ? " (explicit key)" : string.Empty), environment, expected, project.Id));
            }
        }

        var failures = new List<string>();
        var checkedSegments = 0;
        foreach (var (name, environment, expected, projectId) in runs)
        {
            var segments = expected.Count == 0 ? [] : await client.WaitForCountsAsync(projectId, before);
            foreach (var segment in segments)
            {
                checkedSegments++;
                var count = Assert.Single(segment.MembershipCounts, c => c.Environment == environment.Id).Count;
                if ((count == 1) != expected[segment.Name + "#" + segment.Id] || count > 1)
                {
                    failures.Add($"{name} / {segment.Name}: expected member={expected[segment.Name + "#" + segment.Id]}, counted {count}");
                }
            }
        }

        output.WriteLine($"{cases.Count} cases ({runs.Count} projects), {checkedSegments} segments checked through the API, {failures.Count} disagree.");
        // The list could miss segments (an empty list passes any per-segment check): every created one must have been compared.
        Assert.Equal(runs.Sum(r => r.Expected.Count), checkedSegments);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    internal static List<(string Name, JsonDocument Document)> LoadCases()
    {
        var directory = CasesDirectory();
        return [.. Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".jsonc", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), JsonDocument.Parse(StripLineComments(File.ReadAllText(f)))))];
    }

    /// <summary>The cases vendored in the repository (tests/data), found upwards from the test binaries.</summary>
    private static string CasesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var cases = Path.Combine(dir.FullName, "tests", "data", "flagsmith-engine-test-data", "test_cases");
            if (Directory.Exists(cases))
            {
                return cases;
            }
        }

        throw new DirectoryNotFoundException("tests/data/flagsmith-engine-test-data/test_cases was not found above " + AppContext.BaseDirectory);
    }

    private static string StripLineComments(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var line in text.Split('\n'))
        {
            if (!line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            {
                sb.Append(line).Append('\n');
            }
        }

        return sb.ToString();
    }
}
