using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Datar.Tests.Support;
using ModularAnalytics.Testing;
using Xunit;

namespace ModularAnalytics.Datar.Tests.Warehouse;

/// <summary>The `warehouse` recorder on the embedded ClickHouse engine.</summary>
public sealed class WarehouseRecorderTests
{
    [Fact]
    public async Task Raw_records_land_in_a_month_partitioned_table_with_the_configured_ttl_with_source_and_entity()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = DatarHost.Create(TestDatabase.Sqlite, logs: logs, embeddedWarehouse: true)
            .WithSetting("Recorder:Type", "datar,warehouse")
            .WithSetting("Recorder:Warehouse:TtlDays", "30");
        var tenant = await factory.CreateTenantAsync();
        var flag = await factory.CreateFlagAsync(tenant.Project.Id, "wh");
        var quiet = await factory.CreateFlagAsync(tenant.Project.Id, "quiet", dataRecordsEnabled: false);
        // Recent times: the 30-day TTL drops older rows as soon as they are written.
        var first = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds());
        var second = first.AddMinutes(5);
        var response = await factory.PostRecordsAsync(tenant,
        [
            new { flagID = flag.Id, variantKey = "control", entityID = "alice", segmentID = 3, timestamp = first },
            new { flagKey = "wh", variantKey = "treatment", entityID = "bob", recordSource = "exposure", timestamp = second },
            new { flagID = quiet.Id, variantKey = "control", entityID = "carol" },
        ]);
        await response.AssertAcceptedAsync(3, recorded: 2, flagNotRecorded: 1);

        var warehouse = factory.Services.GetRequiredService<IClickHouseClient>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        ClickHouseResult rows;
        while (true)
        {
            rows = await warehouse.QueryAsync(
                "SELECT project_id, environment_id, flag_id, variant_id, segment_id, entity_id, record_source, toString(timestamp) AS ts " +
                "FROM datar_evaluation_records ORDER BY entity_id");
            if (rows.Count >= 2 || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.True(rows.Count == 2, $"{rows.Count} rows; log: " + string.Join('\n', logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(e => e.Category + ": " + e.Message)));
        Assert.Equal(
            new[]
            {
                (tenant.Project.Id, tenant.Environment.Id, flag.Id, flag.VariantId("control"), 3, "alice", "evaluation", Format(first)),
                (tenant.Project.Id, tenant.Environment.Id, flag.Id, flag.VariantId("treatment"), 0, "bob", "exposure", Format(second)),
            },
            rows.Select(r => (r.GetInt32("project_id"), r.GetInt32("environment_id"), r.GetInt32("flag_id"), r.GetInt32("variant_id"),
                r.GetInt32("segment_id"), r.GetString("entity_id")!, r.GetString("record_source")!, r.GetString("ts")!)).ToArray());

        // The month partitions come from the migration; the TTL is applied at start from Recorder:Warehouse:TtlDays.
        string ddl;
        do
        {
            ddl = (await warehouse.QueryAsync("SHOW CREATE TABLE datar_evaluation_records"))[0][0].GetString()!;
        }
        while (!ddl.Contains("TTL", StringComparison.Ordinal) && DateTime.UtcNow < deadline && await Delay());
        Assert.Contains("PARTITION BY toYYYYMM(timestamp)", ddl, StringComparison.Ordinal);
        Assert.Contains("TTL toDateTime(timestamp) + toIntervalDay(30)", ddl, StringComparison.Ordinal);
        Assert.Contains("MergeTree", ddl, StringComparison.Ordinal);

        // The datar recorder got the same batch.
        await factory.Flusher().FlushAllAsync();
        Assert.Equal(2, (await factory.Store().ReadCountsAsync()).Values.Sum());
    }

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<bool> Delay()
    {
        await Task.Delay(100);
        return true;
    }
}
