using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ModularAnalytics.Testing;
using Xunit;

namespace ModularAnalytics.Catalog.Tests.Api;

internal sealed record CreatedOrganisation(int Id, string Name, string ApiToken, bool SegmentMembershipInspection);

internal sealed record ProjectBody(int Id, int OrganisationId, string Name);

internal sealed record EnvironmentBody(int Id, int ProjectId, string Name, string Key);

internal sealed record VariantBody(int Id, string Key);

internal sealed record FlagBody(int Id, int ProjectId, string Key, string Description, bool Enabled, bool DataRecordsEnabled, List<VariantBody> Variants);

/// <summary>Small helpers over the Catalog routes, asserting the happy-path status as they go.</summary>
internal static class CatalogHttp
{
    public static async Task<CreatedOrganisation> CreateOrganisationAsync(this ServiceFactory factory, string name = "Acme", bool? inspection = null)
    {
        using var admin = factory.CreateAdminClient();
        var response = await admin.PostAsJsonAsync("/api/v1/organisations", new { name, segmentMembershipInspection = inspection });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedOrganisation>())!;
    }

    public static async Task<ProjectBody> CreateProjectAsync(this HttpClient client, int organisationId, string name = "Web")
    {
        var response = await client.PostAsJsonAsync("/api/v1/projects", new { organisationId, name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProjectBody>())!;
    }

    public static async Task<EnvironmentBody> CreateEnvironmentAsync(this HttpClient client, int projectId, string name = "Production")
    {
        var response = await client.PostAsJsonAsync($"/api/v1/projects/{projectId}/environments", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<EnvironmentBody>())!;
    }

    public static async Task<FlagBody> CreateFlagAsync(this HttpClient client, int projectId, string key, params string[] variants)
    {
        var response = await client.PostAsJsonAsync(
            $"/api/v1/projects/{projectId}/flags",
            new { key, variants = variants.Select(v => new { key = v }) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<FlagBody>())!;
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Asserts a 400 validation problem and returns its `errors` map.</summary>
    public static async Task<Dictionary<string, string[]>> AssertValidationProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        return body.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    public static async Task AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
    }
}
