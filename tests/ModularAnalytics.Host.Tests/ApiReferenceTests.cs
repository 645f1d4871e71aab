using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModularAnalytics.Testing;
using Xunit;

namespace ModularAnalytics.Host.Tests;

/// <summary>docs/api.md, the project's own API reference, names exactly the API routes the served OpenAPI document has.</summary>
public sealed partial class ApiReferenceTests
{
    private static readonly string[] Methods = ["get", "put", "post", "patch", "delete"];

    [Fact]
    public async Task Every_openapi_route_has_a_row_in_docs_api_md_and_every_row_is_served()
    {
        using var factory = new ServiceFactory(TestDatabase.Sqlite);
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));
        var served = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)).Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}"))
            .ToHashSet(StringComparer.Ordinal);
        var reference = ReferencePath();
        var documented = File.ReadLines(reference)
            .Select(line => RouteRow().Match(line))
            .Where(m => m.Success && m.Groups["route"].Value.StartsWith("/api/", StringComparison.Ordinal))
            .Select(m => $"{m.Groups["method"].Value} {m.Groups["route"].Value}")
            .ToList();

        Assert.True(served.Count >= 10, $"the OpenAPI document lists only {served.Count} API operations");
        var duplicates = documented.GroupBy(r => r, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = served.Except(documented, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var stale = documented.Except(served, StringComparer.Ordinal).Distinct().Order(StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        if (missing.Count > 0)
        {
            problems.Add($"docs/api.md lacks a row for these {missing.Count} routes of /openapi/v1.json; add rows such as:\n" +
                string.Join('\n', missing.Select(r => $"| `{r.Split(' ')[0]}` | `{r.Split(' ')[1]}` | <credential> | <body> | <answer> |")));
        }

        if (stale.Count > 0)
        {
            problems.Add($"docs/api.md has rows for routes the service does not serve (remove or fix them):\n" + string.Join('\n', stale));
        }

        if (duplicates.Count > 0)
        {
            problems.Add("docs/api.md lists these routes twice:\n" + string.Join('\n', duplicates));
        }

        Assert.True(problems.Count == 0, $"{reference}\n" + string.Join("\n\n", problems));
    }

    private static string ReferencePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "api.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/api.md was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\|\s*`(?<method>GET|PUT|POST|PATCH|DELETE)`\s*\|\s*`(?<route>/[^`]*)`\s*\|")]
    private static partial Regex RouteRow();
}
