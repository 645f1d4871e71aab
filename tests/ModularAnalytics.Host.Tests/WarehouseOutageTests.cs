using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.Infrastructure.Migrations;
using ModularAnalytics.Testing;
using ModularAnalytics.Testing.Http;
using Xunit;

namespace ModularAnalytics.Host.Tests;

/// <summary>A ClickHouse server that cannot be reached: routes that read the warehouse answer 503 naming it, with Retry-After.</summary>
public sealed class WarehouseOutageTests
{
    [Fact]
    public async Task An_unreachable_warehouse_is_a_503_naming_the_warehouse()
    {
        using var closed = new TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        using var factory = new ServiceFactory(TestDatabase.Sqlite)
            .WithSetting("Warehouse:Mode", "Server")
            .WithSetting("ClickHouse:Url", $"http://127.0.0.1:{port}/analytics")
            // The warehouse cannot be migrated while it is down; the relational schema still is.
            .WithServices(s =>
            {
                foreach (var step in s.Where(d => d.ServiceType == typeof(IMigrationStep) && d.ImplementationType?.Name == "WarehouseMigrationStep").ToList())
                {
                    s.Remove(step);
                }
            });
        using var admin = factory.CreateAdminClient();
        var organisation = await PostAsync(admin, "/api/v1/organisations", """{"name":"W","segmentMembershipInspection":true}""");
        var project = await PostAsync(admin, "/api/v1/projects", $$"""{"organisationId":{{organisation.GetProperty("id").GetInt32()}},"name":"P"}""");
        var projectId = project.GetProperty("id").GetInt32();
        var environment = await PostAsync(admin, $"/api/v1/projects/{projectId}/environments", """{"name":"E"}""");
        var segment = await PostAsync(admin, $"/api/v1/projects/{projectId}/segments",
            """{"name":"S","rules":[{"type":"ALL","conditions":[{"operator":"EQUAL","property":"plan","value":"pro"}],"rules":[]}]}""");

        var response = await admin.GetAsync(new Uri(
            $"/api/v1/projects/{projectId}/segments/{segment.GetProperty("id").GetInt32()}/members?environmentId={environment.GetProperty("id").GetInt32()}",
            UriKind.Relative));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("The warehouse is unavailable; retry later.", JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString());
        Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string url, string json) =>
        await (await client.SendJsonAsync(HttpMethod.Post, url, json)).ReadJsonAsync(HttpStatusCode.Created);
}
