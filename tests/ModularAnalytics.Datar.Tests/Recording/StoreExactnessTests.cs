using ModularAnalytics.Datar.Tests.Support;
using ModularAnalytics.Testing;
using Xunit;
using ServiceFactory = ModularAnalytics.Testing.ServiceFactory;

namespace ModularAnalytics.Datar.Tests.Recording;

/// <summary>
/// The aggregator, the flusher and the real store of a host, driven directly: whatever the interleaving of
/// writers, flushes, outages and replicas, the table ends up holding exactly what was recorded, per key.
/// </summary>
public abstract class StoreExactnessTests(TestDatabase database)
{
    [Fact]
    public async Task Eight_writers_of_a_million_records_with_flushes_every_few_milliseconds_store_exactly_what_was_recorded()
    {
        using var factory = DatarHost.Create(database);
        var flusher = factory.Flusher();
        using var stop = new CancellationTokenSource();
        var flushing = Writers.FlushContinuouslyAsync(flusher, stop.Token);

        var expected = await Writers.RunAsync(factory.Aggregator(), Writers.Keys(), writers: 8, perWriter: 1_000_000);
        await stop.CancelAsync();
        var (succeeded, failed) = await flushing;
        await flusher.FlushAllAsync();

        Assert.Equal(8_000_000, expected.Values.Sum());
        Assert.True(succeeded >= 3, $"only {succeeded} flushes ran while the writers wrote");
        Assert.Equal(0, failed);
        Writers.AssertSameCounts(expected, await factory.Store().ReadCountsAsync());
    }

    [Fact]
    public async Task A_store_outage_during_the_run_loses_and_doubles_nothing()
    {
        using var factory = DatarHost.Create(database);
        var flusher = factory.Flusher();
        var metrics = factory.Metrics();
        using var stopWriters = new CancellationTokenSource();
        using var stopFlushing = new CancellationTokenSource();
        var flushing = Writers.FlushContinuouslyAsync(flusher, stopFlushing.Token);
        var writing = Writers.RunAsync(factory.Aggregator(), Writers.Keys(), writers: 8, perWriter: null, stopWriters.Token);

        await Task.Delay(300);
        var failuresBefore = metrics.FlushFailures;
        await using (await StoreOutage.BeginAsync(factory))
        {
            await WaitUntilAsync(() => metrics.FlushFailures >= failuresBefore + 3, "flushes did not fail during the outage");
            await Task.Delay(500);
        }

        // Back up: the kept batch and everything counted meanwhile reach the store while the writers go on.
        await WaitUntilAsync(() => !flusher.HasPendingBatch, "the kept batch was not stored after the outage");
        await Task.Delay(300);
        await stopWriters.CancelAsync();
        var expected = await writing;
        await stopFlushing.CancelAsync();
        var (_, failed) = await flushing;
        await flusher.FlushAllAsync();

        Assert.True(failed >= 3, $"{failed} failed flushes");
        Writers.AssertSameCounts(expected, await factory.Store().ReadCountsAsync());
    }

    [Fact]
    public async Task Two_replicas_flushing_the_same_keys_into_one_table_concurrently_stay_exact()
    {
        using var first = DatarHost.Create(database);
        // The second host shares the first one's store: the same PostgreSQL database or the same SQLite file.
        using var second = DatarHost.Create(database);
        if (first.PostgresConnectionString is { } postgres)
        {
            second.WithSetting("ConnectionStrings:Postgres", postgres);
        }
        else
        {
            second.WithSetting("Storage:DataDirectory", first.DataDirectory);
        }

        _ = first.Services;
        Assert.Equal(first.Store(), second.Store());

        var keys = Writers.Keys();
        using var stop = new CancellationTokenSource();
        // Both replicas must really flush while the other does; a fast run could otherwise end after one flush each.
        var flushingFirst = Writers.FlushContinuouslyAsync(first.Flusher(), stop.Token, minSucceeded: 2);
        var flushingSecond = Writers.FlushContinuouslyAsync(second.Flusher(), stop.Token, minSucceeded: 2);
        var writes = await Task.WhenAll(
            Writers.RunAsync(first.Aggregator(), keys, writers: 2, perWriter: 1_000_000),
            Writers.RunAsync(second.Aggregator(), keys, writers: 2, perWriter: 1_000_000));
        await stop.CancelAsync();
        var flushes = await Task.WhenAll(flushingFirst, flushingSecond);
        await first.Flusher().FlushAllAsync();
        await second.Flusher().FlushAllAsync();

        var expected = writes[0].Keys.Union(writes[1].Keys)
            .ToDictionary(k => k, k => writes[0].GetValueOrDefault(k) + writes[1].GetValueOrDefault(k));
        Assert.All(flushes, f => Assert.True(f.Succeeded >= 2, $"only {f.Succeeded} flushes"));
        Writers.AssertSameCounts(expected, await first.Store().ReadCountsAsync());
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }
}

public sealed class SqliteStoreExactnessTests() : StoreExactnessTests(TestDatabase.Sqlite);

public sealed class PostgresStoreExactnessTests() : StoreExactnessTests(TestDatabase.Postgres);
