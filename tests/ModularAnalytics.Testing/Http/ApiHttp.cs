using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;

namespace ModularAnalytics.Testing.Http;

public sealed record CreatedOrganisation(int Id, string Name, string ApiToken, bool SegmentMembershipInspection);

public sealed record ProjectBody(int Id, int OrganisationId, string Name);

public sealed record EnvironmentBody(int Id, int ProjectId, string Name, string Key);

/// <summary>A new organisation with one project, and a client holding the organisation's token.</summary>
public sealed record OwnedProject(CreatedOrganisation Organisation, ProjectBody Project, HttpClient Client) : IDisposable
{
    public void Dispose() => Client.Dispose();
}

/// <summary>
/// The HTTP steps most tests start with (an organisation, its project and environment) and the checks of the
/// contract's JSON and problem responses. Each helper asserts the status it expects, with the body on failure.
/// </summary>
public static class ApiHttp
{
    public static async Task<CreatedOrganisation> CreateOrganisationAsync(this ServiceFactory factory, string name = "Acme", bool? inspection = null)
    {
        using var admin = factory.CreateAdminClient();
        var response = await admin.PostAsJsonAsync("/api/v1/organisations", new { name, segmentMembershipInspection = inspection });
        return await response.ReadJsonAsync<CreatedOrganisation>(HttpStatusCode.Created);
    }

    public static async Task<ProjectBody> CreateProjectAsync(this HttpClient client, int organisationId, string name = "Web")
    {
        var response = await client.PostAsJsonAsync("/api/v1/projects", new { organisationId, name });
        return await response.ReadJsonAsync<ProjectBody>(HttpStatusCode.Created);
    }

    public static async Task<EnvironmentBody> CreateEnvironmentAsync(this HttpClient client, int projectId, string name = "Production")
    {
        var response = await client.PostAsJsonAsync($"/api/v1/projects/{projectId}/environments", new { name });
        return await response.ReadJsonAsync<EnvironmentBody>(HttpStatusCode.Created);
    }

    /// <summary>What most tests of a project's resources start from; dispose it to dispose its client.</summary>
    public static async Task<OwnedProject> CreateOwnedProjectAsync(this ServiceFactory factory, string organisationName = "Acme")
    {
        var organisation = await factory.CreateOrganisationAsync(organisationName);
        var client = factory.CreateBearerClient(organisation.ApiToken);
        return new OwnedProject(organisation, await client.CreateProjectAsync(organisation.Id), client);
    }

    /// <summary>Sends the JSON text as it is, so tests can send what a serializer would never write.</summary>
    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Asserts the status (showing the body when it differs) and returns the JSON body.</summary>
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<T> ReadJsonAsync<T>(this HttpResponseMessage response, HttpStatusCode expected) =>
        (await response.ReadJsonAsync(expected)).Deserialize<T>(JsonSerializerOptions.Web)!;

    /// <summary>Asserts an RFC 9457 problem of this status and returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.ReadJsonAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        return body;
    }

    /// <summary>Asserts a 400 validation problem and returns its `errors` map (field → messages).</summary>
    public static async Task<Dictionary<string, string[]>> AssertValidationProblemAsync(this HttpResponseMessage response)
    {
        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        return body.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}
