using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Testing;
using ModularAnalytics.Testing.Http;
using Xunit;
using Xunit.Abstractions;

namespace ModularAnalytics.Host.Tests.Fuzz;

internal sealed record FuzzIds(int OrganisationId, int ProjectId, int EnvironmentId, string EnvironmentKey, int FlagId, int SegmentId);

/// <summary>
/// Malformed and mutated requests against every API route that takes a body or query parameters, on the real host
/// (SQLite, embedded warehouse, recorders on, inspection on): no answer may be a 5xx, and every 4xx is a problem.
/// </summary>
public sealed class BadInputFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20_261_202;
    private const int MinimumRequests = 2_000;

    [Fact]
    public async Task Malformed_and_mutated_requests_never_get_5xx_and_every_4xx_is_a_problem()
    {
        using var factory = new ServiceFactory(TestDatabase.Sqlite, embeddedWarehouse: true)
            .WithSetting("Recorder:Enabled", "true")
            .WithSetting("Recorder:Type", "datar");
        using var admin = factory.CreateAdminClient();
        var ids = await SeedAsync(admin);
        using var ingestion = factory.CreateEnvironmentClient(ids.EnvironmentKey);

        var routes = RouteCatalog.ApiRoutes(factory.Services.GetRequiredService<EndpointDataSource>())
            .Where(r => r.BodyType is not null || r.Query.Count > 0)
            .ToList();
        Assert.True(routes.Count >= 8, $"only {routes.Count} routes with a body or query parameters were found: {string.Join(", ", routes.Select(r => r.Name))}");

        var random = new Random(Seed);
        var mutator = new Mutator(random);
        var perRoute = (MinimumRequests + routes.Count - 1) / routes.Count;
        var sent = 0;
        var counts = new Dictionary<string, int>();
        var failures = new List<string>();
        foreach (var route in routes)
        {
            var seed = route.BodyType is null ? null : SeedBodies.For(route, ids);
            var client = route.Policy == AuthPolicies.Ingestion ? ingestion : admin;
            for (var i = 0; i < perRoute; i++)
            {
                var request = mutator.Next(route, FillPath(route, ids, random), seed);
                using var message = new HttpRequestMessage(new HttpMethod(route.Method), request.Path + request.Query);
                if (request.Body is not null)
                {
                    message.Content = new ByteArrayContent(request.Body);
                    message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType);
                }

                using var response = await client.SendAsync(message);
                sent++;
                var status = (int)response.StatusCode;
                var family = $"{status / 100}xx";
                counts[family] = counts.GetValueOrDefault(family) + 1;
                var problem = await CheckAsync(response);
                if (problem is null)
                {
                    continue;
                }

                failures.Add($"{route.Name} {request.Path}{request.Query} [{request.Mutation}] -> {status}: {problem}");
            }
        }

        output.WriteLine($"fuzz seed {Seed}: {sent} requests over {routes.Count} routes; " +
            string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}")));
        Assert.True(sent >= MinimumRequests, $"sent {sent} requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} answers broke the rules:\n" + string.Join('\n', failures.Take(40)));
    }

    /// <summary>Null when the answer keeps the rules, else what is wrong with it.</summary>
    private static async Task<string?> CheckAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (status >= 500)
        {
            return Snippet(text);
        }

        if (status < 400)
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"not a problem ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}): {Snippet(text)}";
        }

        try
        {
            var body = JsonDocument.Parse(text).RootElement;
            if (!body.TryGetProperty("status", out var s) || s.GetInt32() != status)
            {
                return "problem without the matching status: " + Snippet(text);
            }

            if (status == 400 && (!body.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object || !errors.EnumerateObject().Any()))
            {
                return "400 without an errors map: " + Snippet(text);
            }
        }
        catch (JsonException)
        {
            return "problem body is not JSON: " + Snippet(text);
        }

        return null;
    }

    private static string Snippet(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private static string FillPath(FuzzRoute route, FuzzIds ids, Random random)
    {
        var path = route.Pattern;
        foreach (var name in route.RouteParameters)
        {
            var value = random.Next(10) == 0
                ? new[] { "0", "-1", "999999", "2147483647", "2147483648", "abc", "%FF" }[random.Next(7)]
                : name switch
                {
                    "organisationId" => ids.OrganisationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "projectId" => ids.ProjectId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "environmentId" => ids.EnvironmentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "flagId" => ids.FlagId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "segmentId" => ids.SegmentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ => "1",
                };
            path = System.Text.RegularExpressions.Regex.Replace(path, "\\{" + name + "(:[^}]*)?\\}", value);
        }

        return path;
    }

    private static async Task<FuzzIds> SeedAsync(HttpClient admin)
    {
        var organisation = await PostAsync(admin, "/api/v1/organisations", """{"name":"Fuzz","segmentMembershipInspection":true}""");
        var organisationId = organisation.GetProperty("id").GetInt32();
        var project = await PostAsync(admin, "/api/v1/projects", $$"""{"organisationId":{{organisationId}},"name":"Fuzz"}""");
        var projectId = project.GetProperty("id").GetInt32();
        var environment = await PostAsync(admin, $"/api/v1/projects/{projectId}/environments", """{"name":"Fuzz"}""");
        var flag = await PostAsync(admin, $"/api/v1/projects/{projectId}/flags", """{"key":"fuzz","dataRecordsEnabled":true,"variants":[{"key":"on"},{"key":"off"}]}""");
        var segment = await PostAsync(admin, $"/api/v1/projects/{projectId}/segments",
            """{"name":"Fuzz","rules":[{"type":"ALL","conditions":[{"operator":"EQUAL","property":"plan","value":"pro"}],"rules":[]}]}""");
        return new FuzzIds(organisationId, projectId, environment.GetProperty("id").GetInt32(), environment.GetProperty("key").GetString()!,
            flag.GetProperty("id").GetInt32(), segment.GetProperty("id").GetInt32());
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string url, string json) =>
        await (await client.SendJsonAsync(HttpMethod.Post, url, json)).ReadJsonAsync(HttpStatusCode.Created);
}

