using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.Experimentation.Tests.Support;
using ModularAnalytics.Modules.Experimentation.Application.Exposures.RefreshExperimentExposures;
using ModularAnalytics.Testing;
using ModularAnalytics.Testing.Http;

namespace ModularAnalytics.Experimentation.Tests.Api;

/// <summary>
/// With Warehouse:Mode Disabled experiments still work; events answer 503 (they cannot be stored), exposures handed over
/// by Datar are not stored, and refreshes are recorded as skipped.
/// </summary>
public sealed class WarehouseDisabledTests(SqliteServiceFactory factory) : IClassFixture<SqliteServiceFactory>
{
    [Fact]
    public async Task Events_answer_503_and_exposures_stay_null()
    {
        var tenant = await factory.CreateTenantAsync();
        using var client = factory.CreateBearerClient(tenant.Token);
        using var ingest = factory.CreateEnvironmentClient(tenant.EnvironmentKey);

        var events = await ingest.SendJsonAsync(HttpMethod.Post, "/api/v1/events", """{"events": [{"event": "$flag_exposure", "identifier": "u1", "featureName": "checkout", "value": "control"}]}""");
        var problem = await events.ReadJsonAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("warehouse", problem.GetProperty("detail").GetString());
        var handedOver = await ingest.SendJsonAsync(HttpMethod.Post, "/api/v1/evaluations",
            """{"records": [{"flagKey": "checkout", "variantKey": "control", "entityID": "u1", "recordSource": "exposure"}]}""");
        // Datar's counts do not depend on the warehouse; a switched-off warehouse is configuration, not an outage.
        Assert.Equal(HttpStatusCode.Accepted, handedOver.StatusCode);

        var experiment = await (await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{tenant.ProjectId}/experiments", $$"""
            {"name": "e", "flagKey": "checkout", "environmentId": {{tenant.EnvironmentId}}, "variants": [{"key": "control", "weight": 1}], "startedAt": "2026-11-01T00:00:00Z"}
            """)).ReadJsonAsync(HttpStatusCode.Created);
        var id = experiment.GetProperty("id").GetInt32();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(new RefreshExperimentExposuresCommand(id));
        }

        var store = factory.Store();
        var skipped = await store.QueryAsync(
            $"SELECT last_skip_reason FROM {store.QualifiedTable("experimentation", "exposures")} WHERE experiment_id = @id", ("@id", id));
        Assert.Contains("warehouse is disabled", (string)Assert.Single(skipped)[0]!);
        var exposures = await (await client.GetAsync($"/api/v1/projects/{tenant.ProjectId}/experiments/{id}/exposures")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, exposures.GetProperty("asOf").ValueKind);
        Assert.Equal(JsonValueKind.Null, exposures.GetProperty("payload").ValueKind);
    }
}
