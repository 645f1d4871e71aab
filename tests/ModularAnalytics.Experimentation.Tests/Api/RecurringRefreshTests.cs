using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.Experimentation.Tests.Support;
using ModularAnalytics.Modules.Experimentation.Application.Exposures.RefreshDueExperiments;
using ModularAnalytics.Modules.Experimentation.Infrastructure;
using ModularAnalytics.Testing.Http;
using Quartz;

namespace ModularAnalytics.Experimentation.Tests.Api;

/// <summary>The hourly fan-out refreshes running experiments and an ended one until its final refresh, then never again.</summary>
public sealed class RecurringRefreshTests(SqliteExperimentServiceFactory factory) : IClassFixture<SqliteExperimentServiceFactory>
{
    [Fact]
    public async Task Running_and_unfinished_experiments_are_refreshed_final_ones_are_left_alone()
    {
        var tenant = await factory.CreateTenantAsync();
        using var client = factory.CreateBearerClient(tenant.Token);
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.NotNull(await scheduler.GetTrigger(new TriggerKey(ExperimentationModule.RefreshScheduleName, "recurring")));

        async Task<string> Create(string endedAt) => (await (await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{tenant.ProjectId}/experiments", $$"""
            {"name": "e", "flagKey": "checkout", "environmentId": {{tenant.EnvironmentId}}, "variants": [{"key": "control", "weight": 1}],
             "startedAt": "2026-11-01T00:00:00Z", "endedAt": {{endedAt}}}
            """)).ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32().ToString(CultureInfo.InvariantCulture);
        var running = $"/api/v1/projects/{tenant.ProjectId}/experiments/{await Create("null")}/exposures";
        var ended = $"/api/v1/projects/{tenant.ProjectId}/experiments/{await Create("\"2026-11-02T00:00:00Z\"")}/exposures";

        await FanOutAsync();
        var runningFirst = await client.WaitForExposuresAsync(running, e => e.GetProperty("asOf").ValueKind != JsonValueKind.Null, "the running experiment's refresh");
        var endedFirst = await client.WaitForExposuresAsync(ended, e => e.GetProperty("isFinal").GetBoolean(), "the ended experiment's final refresh");
        Assert.Equal("hour", endedFirst.GetProperty("payload").GetProperty("granularity").GetString());
        Assert.Equal(25, endedFirst.GetProperty("payload").GetProperty("timeseries").GetArrayLength());

        await FanOutAsync();
        await client.WaitForExposuresAsync(running, e => e.GetProperty("asOf").GetString() != runningFirst.GetProperty("asOf").GetString(), "a second refresh");
        var endedAfter = await (await client.GetAsync(ended)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(endedFirst.GetProperty("asOf").GetString(), endedAfter.GetProperty("asOf").GetString());
    }

    private async Task FanOutAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(new RefreshDueExperimentsCommand());
    }
}
