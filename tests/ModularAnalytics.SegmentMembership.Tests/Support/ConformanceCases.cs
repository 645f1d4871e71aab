using System.Text;
using System.Text.Json;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.SegmentMembership.Tests.Support;

internal sealed record ConformanceSegment(string Id, string Key, string Name, IReadOnlyList<SegmentRule> Rules, bool Expected);

internal sealed record ConformanceCase(string Name, EnvironmentContext Environment, IdentityContext? Identity, IReadOnlyList<ConformanceSegment> Segments);

/// <summary>Flagsmith's engine-test-data cases from the shared folder next to the repository.</summary>
internal static class ConformanceCases
{
    public const int ExpectedCaseCount = 133;

    public static string Directory()
    {
        var shared = Environment.GetEnvironmentVariable("MODULARANALYTICS_SHARED_DIR");
        if (string.IsNullOrEmpty(shared))
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (dir.Parent is { } parent && System.IO.Directory.Exists(Path.Combine(parent.FullName, "shared", "conformance")))
                {
                    shared = Path.Combine(parent.FullName, "shared");
                    break;
                }
            }
        }

        var cases = Path.Combine(shared ?? throw new InvalidOperationException(
            "Could not find the shared conformance data: set MODULARANALYTICS_SHARED_DIR or place 'shared/' next to the repository."),
            "conformance", "flagsmith-engine-test-data", "test_cases");
        return System.IO.Directory.Exists(cases) ? cases : throw new DirectoryNotFoundException(cases);
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
