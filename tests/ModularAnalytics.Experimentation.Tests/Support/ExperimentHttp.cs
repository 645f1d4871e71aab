using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ModularAnalytics.Testing;

namespace ModularAnalytics.Experimentation.Tests.Support;

internal sealed record Tenant(int OrganisationId, string Token, int ProjectId, int EnvironmentId, string EnvironmentKey);

/// <summary>HTTP helpers over the public contract, asserting the happy-path status as they go.</summary>
internal static class ExperimentHttp
{
    /// <summary>An organisation with a project, an environment and a flag <c>checkout</c> with variants control/treatment.</summary>
    public static async Task<Tenant> CreateTenantAsync(this ServiceFactory factory, string name = "Acme")
    {
        using var admin = factory.CreateAdminClient();
        var org = await (await admin.PostAsJsonAsync("/api/v1/organisations", new { name })).ReadJsonAsync(HttpStatusCode.Created);
        using var client = factory.CreateBearerClient(org.GetProperty("apiToken").GetString()!);
        var project = await (await client.PostAsJsonAsync("/api/v1/projects", new { organisationId = org.GetProperty("id").GetInt32(), name = "Web" })).ReadJsonAsync(HttpStatusCode.Created);
        var projectId = project.GetProperty("id").GetInt32();
        var environment = await (await client.PostAsJsonAsync($"/api/v1/projects/{projectId}/environments", new { name = "Production" })).ReadJsonAsync(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync($"/api/v1/projects/{projectId}/flags",
            new { key = "checkout", variants = new[] { new { key = "control" }, new { key = "treatment" }, new { key = "spare" } } })).ReadJsonAsync(HttpStatusCode.Created);
        return new Tenant(org.GetProperty("id").GetInt32(), org.GetProperty("apiToken").GetString()!, projectId,
            environment.GetProperty("id").GetInt32(), environment.GetProperty("key").GetString()!);
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<string[]> ValidationFieldsAsync(this HttpResponseMessage response)
    {
        var problem = await response.ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
    }

    /// <summary>Polls the exposures until <paramref name="done"/> holds (the refresh runs on the scheduler).</summary>
    public static async Task<JsonElement> WaitForExposuresAsync(this HttpClient client, string url, Func<JsonElement, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var exposures = await (await client.GetAsync(url)).ReadJsonAsync(HttpStatusCode.OK);
            if (done(exposures))
            {
                return exposures;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}: {exposures}");
            await Task.Delay(100);
        }
    }
}
