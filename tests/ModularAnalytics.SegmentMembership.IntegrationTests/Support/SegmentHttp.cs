using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModularAnalytics.Testing;
using Xunit;

namespace ModularAnalytics.SegmentMembership.IntegrationTests.Support;

internal sealed record CreatedOrganisation(int Id, string Name, string ApiToken, bool SegmentMembershipInspection);

internal sealed record ProjectBody(int Id, int OrganisationId, string Name);

internal sealed record EnvironmentBody(int Id, int ProjectId, string Name, string Key);

internal sealed record CountBody(int Environment, long Count, DateTime LastSyncedAt);

internal sealed record StatusBody(string State, string? Reason, DateTime? LastErrorAt);

internal sealed record SegmentBody(int Id, int ProjectId, string Key, string Name, string? Description, JsonElement Rules, List<CountBody> MembershipCounts, StatusBody MembershipStatus);

internal sealed record MemberBody(string Identifier, string Key, JsonElement Traits);

internal sealed record MembersBody(List<MemberBody> Identities, string? NextCursor);

/// <summary>HTTP helpers over the public contract, asserting the happy-path status as they go.</summary>
internal static class SegmentHttp
{
    public static async Task<CreatedOrganisation> CreateOrganisationAsync(this ServiceFactory factory, bool inspection, string name = "Acme")
    {
        using var admin = factory.CreateAdminClient();
        var response = await admin.PostAsJsonAsync("/api/v1/organisations", new { name, segmentMembershipInspection = inspection });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedOrganisation>())!;
    }

    public static async Task SetInspectionAsync(this ServiceFactory factory, int organisationId, bool inspection)
    {
        using var admin = factory.CreateAdminClient();
        var response = await admin.PatchAsJsonAsync($"/api/v1/organisations/{organisationId}", new { segmentMembershipInspection = inspection });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task<ProjectBody> CreateProjectAsync(this HttpClient client, int organisationId, string name = "Web")
    {
        var response = await client.PostAsJsonAsync("/api/v1/projects", new { organisationId, name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProjectBody>())!;
    }

    public static async Task<EnvironmentBody> CreateEnvironmentAsync(this HttpClient client, int projectId, string name)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/projects/{projectId}/environments", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<EnvironmentBody>())!;
    }

    /// <summary>Creates a segment from raw rules JSON (Flagsmith's shape).</summary>
    public static async Task<SegmentBody> CreateSegmentAsync(this HttpClient client, int projectId, string name, string rulesJson, string? key = null)
    {
        var response = await client.PostSegmentAsync(projectId, name, rulesJson, key);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SegmentBody>())!;
    }

    public static Task<HttpResponseMessage> PostSegmentAsync(this HttpClient client, int projectId, string name, string rulesJson, string? key = null)
    {
        var body = new JsonObject { ["name"] = name, ["rules"] = JsonNode.Parse(rulesJson) };
        if (key is not null)
        {
            body["key"] = key;
        }

        return client.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{projectId}/segments", body.ToJsonString());
    }

    public static async Task PostIdentitiesAsync(this ServiceFactory factory, string environmentKey, JsonArray identities)
    {
        using var client = factory.CreateEnvironmentClient(environmentKey);
        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/identities/bulk", new JsonObject { ["identities"] = identities }.ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        Assert.Equal(identities.Count, (await response.ReadJsonAsync()).GetProperty("accepted").GetInt32());
    }

    public static async Task RefreshAsync(this HttpClient client, int projectId)
    {
        var response = await client.PostAsync($"/api/v1/projects/{projectId}/segment-membership/refresh", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadJsonAsync();
    }

    public static async Task<List<SegmentBody>> ListSegmentsAsync(this HttpClient client, int projectId) =>
        (await client.GetFromJsonAsync<List<SegmentBody>>($"/api/v1/projects/{projectId}/segments"))!;

    /// <summary>Polls the segment list until every segment has counts synced after <paramref name="after"/>.</summary>
    public static async Task<List<SegmentBody>> WaitForCountsAsync(this HttpClient client, int projectId, DateTime after, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var segments = await client.ListSegmentsAsync(projectId);
            if (segments.All(s => s.MembershipCounts.Count > 0 && s.MembershipCounts.All(c => c.LastSyncedAt > after)))
            {
                return segments;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Counts of project {projectId} were not refreshed after {after:O}.");
            await Task.Delay(200);
        }
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static async Task<Dictionary<string, string[]>> AssertValidationProblemAsync(this HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.ReadJsonAsync()).GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            if (await probe() is { } result)
            {
                return result;
            }

            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for " + what);
            await Task.Delay(200);
        }
    }
}
