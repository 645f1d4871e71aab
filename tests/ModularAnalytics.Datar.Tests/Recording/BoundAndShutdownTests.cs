using System.Net;
using Microsoft.Extensions.Logging;
using ModularAnalytics.Datar.Tests.Support;
using ModularAnalytics.Modules.Datar.Domain.Aggregation;
using ModularAnalytics.Testing;
using ModularAnalytics.Testing.Http;
using Xunit;
using ServiceFactory = ModularAnalytics.Testing.ServiceFactory;

namespace ModularAnalytics.Datar.Tests.Recording;

/// <summary>Memory bound during an outage, and the final flush on graceful shutdown, through the real host and HTTP.</summary>
public abstract class BoundAndShutdownTests(TestDatabase database)
{
    [Fact]
    public async Task At_the_key_bound_during_an_outage_ingestion_answers_503_and_everything_accepted_is_stored_after_recovery()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var logs = new CapturingLoggerProvider();
        using var factory = DatarHost.Create(database, time, logs).WithSetting("Recorder:Datar:MaxKeys", "30");
        var tenant = await factory.CreateTenantAsync();
        var flag = await factory.CreateFlagAsync(tenant.Project.Id, "bounded");
        var variant = flag.VariantId("control");
        object Record(int segment) => new { flagID = flag.Id, variantID = variant, segmentID = segment, entityID = $"e{segment}" };

        // Ten keys stored while the store is up; the credential and flag caches are warm from here on.
        await (await factory.PostRecordsAsync(tenant, Enumerable.Range(1, 10).Select(Record))).AssertAcceptedAsync(10);
        await factory.Flusher().FlushAllAsync();

        await using (var outage = await RelationalOutage.BeginAsync(factory))
        {
            await (await factory.PostRecordsAsync(tenant, Enumerable.Range(11, 10).Select(Record))).AssertAcceptedAsync(10);
            Assert.False(await factory.Flusher().FlushAsync(CancellationToken.None));
            Assert.True(factory.Flusher().HasPendingBatch);
            // The kept batch holds 11..20, the aggregator 21..30 (and 11..20 idle): 30 keys' worth of memory.
            await (await factory.PostRecordsAsync(tenant, Enumerable.Range(21, 10).Select(Record))).AssertAcceptedAsync(10);
            Assert.Equal(10, factory.Flusher().PendingKeyCount);
            var held = factory.Aggregator().KeyCount;

            // The bound is reached: a batch is refused whole, with a metric and one log line.
            var refused = await factory.PostRecordsAsync(tenant, Enumerable.Range(31, 5).Select(Record));
            Assert.Contains("bound", (await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable)).GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(held, factory.Aggregator().KeyCount);
            Assert.True(factory.Metrics().BoundHits >= 1);
            Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("its bound is 30", StringComparison.Ordinal));
            await outage.EndAsync();
        }

        await factory.Flusher().FlushAllAsync();
        var stored = await factory.Store().ReadCountsAsync();
        var hour = EvaluationKey.HourOf(time.GetUtcNow());
        Assert.Equal(
            Enumerable.Range(1, 30).Select(s => new StoredKey(flag.Id, hour, variant, s)).ToHashSet(),
            stored.Keys.ToHashSet());
        Assert.All(stored.Values, count => Assert.Equal(1, count));
        Assert.True(factory.Metrics().FlushFailures >= 1);

        // With the backlog stored the idle keys are let go, and ingestion is accepted again.
        Assert.True(factory.Aggregator().KeyCount + factory.Flusher().PendingKeyCount < 30, $"{factory.Aggregator().KeyCount} keys still held");
        await (await factory.PostRecordsAsync(tenant, [Record(31)])).AssertAcceptedAsync(1);
    }

    [Fact]
    public async Task Graceful_shutdown_flushes_everything_with_a_long_flush_interval()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "ma-datar-shutdown-" + Guid.NewGuid().ToString("N"));
        try
        {
            var logs = new CapturingLoggerProvider();
            var factory = DatarHost.Create(database, logs: logs).WithSetting("Recorder:Datar:FlushInterval", "10:00:00");
            // The SQLite file must outlive the host, which deletes its own data directory on dispose.
            factory.WithSetting("Storage:DataDirectory", dataDirectory);
            var tenant = await factory.CreateTenantAsync();
            var flag = await factory.CreateFlagAsync(tenant.Project.Id, "shutdown");
            var records = Enumerable.Range(0, 250).Select(i => new
            {
                flagKey = "shutdown",
                variantKey = i % 5 == 0 ? "treatment" : "control",
                entityID = $"user-{i}",
            });
            await (await factory.PostRecordsAsync(tenant, records)).AssertAcceptedAsync(250);
            var store = factory.Store();
            Assert.Empty(await store.ReadCountsAsync());

            await factory.DisposeAsync();

            var stored = await store.ReadCountsAsync();
            Assert.True(stored.Count > 0, "nothing stored; log: " + string.Join('\n', logs.Entries
                .Where(e => e.Category.Contains("Datar", StringComparison.Ordinal) || e.Level >= LogLevel.Warning).Select(e => $"{e.Level} {e.Category}: {e.Message}")));
            Assert.Equal(200, stored.Where(kv => kv.Key.VariantId == flag.VariantId("control")).Sum(kv => kv.Value));
            Assert.Equal(50, stored.Where(kv => kv.Key.VariantId == flag.VariantId("treatment")).Sum(kv => kv.Value));
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }
}

public sealed class SqliteBoundAndShutdownTests() : BoundAndShutdownTests(TestDatabase.Sqlite);

public sealed class PostgresBoundAndShutdownTests() : BoundAndShutdownTests(TestDatabase.Postgres);
