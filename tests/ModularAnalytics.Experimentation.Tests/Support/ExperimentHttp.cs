using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ModularAnalytics.Testing;
using ModularAnalytics.Testing.Http;

namespace ModularAnalytics.Experimentation.Tests.Support;

internal sealed record Tenant(int OrganisationId, string Token, int ProjectId, int EnvironmentId, string EnvironmentKey);

/// <summary>HTTP helpers over the public contract, asserting the happy-path status as they go.</summary>
internal static class ExperimentHttp
{
    /// <summary>An organisation with a project, an environment and a flag <c>checkout</c> with variants control/treatment.</summary>
    public static async Task<Tenant> CreateTenantAsync(this ServiceFactory factory, string name = "Acme")
    {
        using var owned = await factory.CreateOwnedProjectAsync(name);
        var (organisation, project, client) = owned;
        var environment = await client.CreateEnvironmentAsync(project.Id);
        await (await client.PostAsJsonAsync($"/api/v1/projects/{project.Id}/flags",
            new { key = "checkout", variants = new[] { new { key = "control" }, new { key = "treatment" }, new { key = "spare" } } })).ReadJsonAsync(HttpStatusCode.Created);
        return new Tenant(organisation.Id, organisation.ApiToken, project.Id, environment.Id, environment.Key);
    }

    public static async Task<string[]> ValidationFieldsAsync(this HttpResponseMessage response) =>
        [.. (await response.AssertValidationProblemAsync()).Keys];

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
