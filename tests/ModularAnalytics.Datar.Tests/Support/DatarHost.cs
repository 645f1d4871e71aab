using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModularAnalytics.Modules.Datar.Application.Recording;
using ModularAnalytics.Modules.Datar.Domain.Aggregation;
using ModularAnalytics.Testing;
using ModularAnalytics.Testing.Http;
using Xunit;

namespace ModularAnalytics.Datar.Tests.Support;

public sealed record StoredKey(int FlagId, long HourBucket, int VariantId, int SegmentId);

public sealed record Variant(int Id, string Key);

public sealed record Flag(int Id, int ProjectId, string Key, string Description, bool Enabled, bool DataRecordsEnabled, List<Variant> Variants)
{
    public int VariantId(string key) => Variants.Single(v => v.Key == key).Id;
}

/// <summary>A project with one environment, ready to ingest.</summary>
public sealed record Tenant(CreatedOrganisation Organisation, ProjectBody Project, EnvironmentBody Environment);

/// <summary>Hosts with Datar switched on, and the HTTP and SQL helpers the Datar tests share.</summary>
internal static class DatarHost
{
    /// <summary>
    /// A host with `datar` recording. The flush interval is long: tests flush through <see cref="DatarFlusher"/> when
    /// they mean to, so a background tick cannot make a test pass or fail by luck.
    /// </summary>
    public static ServiceFactory Create(TestDatabase database, TimeProvider? time = null, CapturingLoggerProvider? logs = null, bool embeddedWarehouse = false)
    {
        var factory = new ServiceFactory(database, embeddedWarehouse)
            .WithSetting("Recorder:Enabled", "true")
            .WithSetting("Recorder:Type", "datar")
            .WithSetting("Recorder:Datar:FlushInterval", "01:00:00");
        if (time is not null)
        {
            factory.WithServices(s => s.AddSingleton(time));
        }

        if (logs is not null)
        {
            factory.WithServices(s => s.AddSingleton<ILoggerProvider>(logs));
        }

        return factory;
    }

    public static HourlyEvaluationAggregator Aggregator(this ServiceFactory factory) =>
        factory.Services.GetRequiredService<HourlyEvaluationAggregator>();

    public static DatarFlusher Flusher(this ServiceFactory factory) => factory.Services.GetRequiredService<DatarFlusher>();

    public static DatarMetrics Metrics(this ServiceFactory factory) => factory.Services.GetRequiredService<DatarMetrics>();

    /// <summary>Flushes until a flush stores everything held (the store must be up).</summary>
    public static async Task FlushAllAsync(this DatarFlusher flusher)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        // Twice in a row: the first may only have retried a batch kept from an outage.
        var successes = 0;
        while (successes < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "Datar could not flush within 60 s.");
            if (await flusher.FlushAsync(CancellationToken.None))
            {
                successes++;
            }
            else
            {
                successes = 0;
                await Task.Delay(100);
            }
        }

        Assert.False(flusher.HasPendingBatch);
    }

    /// <summary>Every row of `datar_hourly_events`, by key.</summary>
    public static async Task<Dictionary<StoredKey, long>> ReadCountsAsync(this BuildingBlocks.Infrastructure.Persistence.RelationalStore store)
    {
        var rows = await store.QueryAsync(
            $"SELECT flag_id, bucket_hour, variant_id, segment_id, eval_count FROM {store.QualifiedTable("datar", "hourly_events")}");
        return rows.ToDictionary(
            r => new StoredKey(Convert.ToInt32(r[0]), Convert.ToInt64(r[1]), Convert.ToInt32(r[2]), Convert.ToInt32(r[3])),
            r => Convert.ToInt64(r[4]));
    }

    public static async Task<Tenant> CreateTenantAsync(this ServiceFactory factory, string name = "Acme")
    {
        var organisation = await factory.CreateOrganisationAsync(name);
        using var admin = factory.CreateAdminClient();
        var project = await admin.CreateProjectAsync(organisation.Id, name + " web");
        var environment = await admin.CreateEnvironmentAsync(project.Id);
        return new Tenant(organisation, project, environment);
    }

    public static async Task<Flag> CreateFlagAsync(this ServiceFactory factory, int projectId, string key, bool dataRecordsEnabled = true, params string[] variants)
    {
        using var admin = factory.CreateAdminClient();
        var body = new
        {
            key,
            description = $"{key} flag",
            dataRecordsEnabled,
            variants = (variants.Length == 0 ? ["control", "treatment"] : variants).Select(v => new { key = v }),
        };
        return await (await admin.PostAsJsonAsync($"/api/v1/projects/{projectId}/flags", body)).ReadJsonAsync<Flag>(HttpStatusCode.Created);
    }

    /// <summary>Posts a batch of records (anonymous objects in the contract's shape) with the environment key.</summary>
    public static async Task<HttpResponseMessage> PostRecordsAsync(this ServiceFactory factory, Tenant tenant, IEnumerable<object> records)
    {
        using var client = factory.CreateEnvironmentClient(tenant.Environment.Key);
        return await client.PostAsJsonAsync("/api/v1/evaluations", new { records });
    }

    public static async Task<HttpResponseMessage> PostRawAsync(this ServiceFactory factory, Tenant tenant, string json)
    {
        using var client = factory.CreateEnvironmentClient(tenant.Environment.Key);
        return await client.SendJsonAsync(HttpMethod.Post, "/api/v1/evaluations", json);
    }

    /// <summary>Asserts a 202 whose counts are these; by default every accepted record was recorded.</summary>
    public static async Task AssertAcceptedAsync(
        this HttpResponseMessage response, int accepted, int? recorded = null, int recordersOff = 0, int flagNotRecorded = 0)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        var root = JsonDocument.Parse(body).RootElement;
        var notRecorded = root.GetProperty("notRecorded");
        Assert.Equal(
            (accepted, recorded ?? accepted, recordersOff, flagNotRecorded),
            (root.GetProperty("accepted").GetInt32(), root.GetProperty("recorded").GetInt32(),
             notRecorded.GetProperty("recordersOff").GetInt32(), notRecorded.GetProperty("flagNotRecorded").GetInt32()));
    }

    public static async Task<JsonElement> GetJsonAsync(this ServiceFactory factory, string url)
    {
        using var admin = factory.CreateAdminClient();
        return await (await admin.GetAsync(url)).ReadJsonAsync(HttpStatusCode.OK);
    }
}
