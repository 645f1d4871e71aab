using System.Text;
using System.Text.Json;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.SegmentMembership.Tests.Support;

internal sealed record ConformanceSegment(string Id, string Key, string Name, IReadOnlyList<SegmentRule> Rules, bool Expected);

internal sealed record ConformanceCase(string Name, EnvironmentContext Environment, IdentityContext? Identity, IReadOnlyList<ConformanceSegment> Segments);

/// <summary>Flagsmith's engine-test-data cases, vendored under tests/data with their SOURCE.md.</summary>
internal static class ConformanceCases
{
    public const int ExpectedCaseCount = 133;

    /// <summary>The cases vendored in the repository (tests/data), found upwards from the test binaries.</summary>
    public static string Directory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var cases = Path.Combine(dir.FullName, "tests", "data", "flagsmith-engine-test-data", "test_cases");
            if (System.IO.Directory.Exists(cases))
            {
                return cases;
            }
        }

        throw new DirectoryNotFoundException("tests/data/flagsmith-engine-test-data/test_cases was not found above " + AppContext.BaseDirectory);
    }

    public static IReadOnlyList<ConformanceCase> Load()
    {
        var files = System.IO.Directory.EnumerateFiles(Directory())
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".jsonc", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Select(LoadCase).ToList();
    }

    private static ConformanceCase LoadCase(string file)
    {
        using var document = JsonDocument.Parse(StripLineComments(File.ReadAllText(file)));
        var context = document.RootElement.GetProperty("context");
        var env = context.GetProperty("environment");
        var environment = new EnvironmentContext(env.GetProperty("key").GetString()!, env.GetProperty("name").GetString()!);
        IdentityContext? identity = null;
        if (context.TryGetProperty("identity", out var id) && id.ValueKind == JsonValueKind.Object)
        {
            var traits = new Dictionary<string, TraitValue>(StringComparer.Ordinal);
            if (id.TryGetProperty("traits", out var t) && t.ValueKind == JsonValueKind.Object)
            {
                foreach (var trait in t.EnumerateObject())
                {
                    traits[trait.Name] = TraitValue.FromJson(trait.Value);
                }
            }

            identity = new IdentityContext(id.GetProperty("identifier").GetString()!,
                id.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String ? key.GetString() : null, traits);
        }

        var expected = document.RootElement.GetProperty("result").GetProperty("segments").EnumerateArray()
            .Select(s => s.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);
        var segments = new List<ConformanceSegment>();
        if (context.TryGetProperty("segments", out var segs) && segs.ValueKind == JsonValueKind.Object)
        {
            foreach (var segment in segs.EnumerateObject())
            {
                var rules = SegmentRuleJson.Parse(segment.Value.GetProperty("rules"), out var errors);
                if (errors.Count > 0)
                {
                    throw new InvalidDataException($"{Path.GetFileName(file)}: {string.Join("; ", errors)}");
                }

                var name = segment.Value.GetProperty("name").GetString()!;
                var segmentKey = segment.Value.TryGetProperty("key", out var k) ? k.GetString()! : segment.Name;
                segments.Add(new ConformanceSegment(segment.Name, segmentKey, name, rules, expected.Contains(name)));
            }
        }

        return new ConformanceCase(Path.GetFileName(file), environment, identity, segments);
    }

    /// <summary>Removes JSON5 <c>//</c> comment lines (the files only use whole-line comments).</summary>
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
