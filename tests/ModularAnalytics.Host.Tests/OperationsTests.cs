using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Infrastructure.Hosting;
using ModularAnalytics.Testing;
using Xunit;

namespace ModularAnalytics.Host.Tests;

public sealed class OperationsTests
{
    [Fact]
    public async Task Ready_checks_the_relational_store_and_the_embedded_warehouse()
    {
        using var factory = new ServiceFactory(TestDatabase.Sqlite, embeddedWarehouse: true);
        var client = factory.CreateClient();

        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        var ready = await client.GetFromJsonAsync<JsonElement>(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        var checks = ready.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("relational").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("warehouse").GetProperty("status").GetString());
        Assert.NotEqual("disabled", checks.GetProperty("warehouse").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Ready_is_unhealthy_when_the_relational_store_is_unreachable()
    {
        using var factory = new ServiceFactory(TestDatabase.Sqlite)
            .WithSetting("Database:MigrateOnStartup", "false")
            .WithSetting("ConnectionStrings:Postgres", "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=2");

        var ready = await factory.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("relational").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_contract_routes()
    {
        using var factory = new ServiceFactory(TestDatabase.Sqlite);

        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));

        var paths = document.GetProperty("paths");
        foreach (var route in new[]
                 {
                     "/api/v1/organisations", "/api/v1/organisations/{organisationId}", "/api/v1/projects",
                     "/api/v1/projects/{projectId}", "/api/v1/projects/{projectId}/environments",
                     "/api/v1/projects/{projectId}/flags", "/api/v1/projects/{projectId}/flags/{flagId}",
                 })
        {
            Assert.True(paths.TryGetProperty(route, out _), $"{route} is missing from the OpenAPI document");
        }
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_problem()
    {
        using var factory = new ServiceFactory(TestDatabase.Sqlite).WithSetting("Limits:MaxRequestBodyBytes", "1024");
        var client = factory.CreateAdminClient();
        var body = new StringContent($$"""{"name":"{{new string('x', 4096)}}"}""", Encoding.UTF8, "application/json");

        var response = await client.PostAsync(new Uri("/api/v1/organisations", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unexpected_exception_becomes_a_500_problem_without_internals()
    {
        using var factory = new ServiceFactory(TestDatabase.Sqlite)
            .WithServices(s => s.AddSingleton<IEndpointModule, ThrowingEndpoint>());

        var response = await factory.CreateClient().GetAsync(new Uri("/test/boom", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(ThrowingEndpoint.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("at ModularAnalytics", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shutdown_participants_run_after_the_host_stops()
    {
        var participant = new RecordingParticipant();
        var factory = new ServiceFactory(TestDatabase.Sqlite)
            .WithServices(s => s.AddSingleton<IShutdownParticipant>(participant));
        _ = factory.Services;
        Assert.Equal(0, participant.Calls);

        await factory.DisposeAsync();

        Assert.Equal(1, participant.Calls);
    }

    [Fact]
    public void An_unknown_warehouse_mode_fails_start_up_with_a_clear_message()
    {
        using var factory = new ServiceFactory(TestDatabase.Sqlite).WithSetting("Warehouse:Mode", "Snowflake");

        var error = Assert.ThrowsAny<Exception>(() => factory.Services);

        Assert.Contains("Warehouse:Mode", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migrate_command_applies_every_schema_and_exits()
    {
        var directory = Directory.CreateTempSubdirectory("ma-migrate-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ModularAnalytics.Host.dll"), "migrate"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory,
            };
            start.Environment["Warehouse__Mode"] = "Disabled";
            start.Environment["Auth__AdminToken"] = "migrate-test";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

            Assert.True(process.ExitCode == 0, await output + await errors);
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "data", "modularanalytics.db")};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'catalog\\_%' ESCAPE '\\' ORDER BY name";
            var tables = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            Assert.Equal(["catalog_environments", "catalog_flags", "catalog_organisations", "catalog_projects", "catalog_variants"], tables);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class ThrowingEndpoint : IEndpointModule
    {
        public const string Secret = "connection-string-password=hunter2";

        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/test/boom", IResult () => throw new InvalidOperationException(Secret));
    }

    private sealed class RecordingParticipant : IShutdownParticipant
    {
        public int Calls { get; private set; }

        public Task OnShutdownAsync(CancellationToken cancellationToken)
        {
            Calls++;
            return Task.CompletedTask;
        }
    }
}
