using Microsoft.Extensions.Logging;
using ModularAnalytics.Datar.Tests.Support;
using ModularAnalytics.Modules.Datar.Domain.Aggregation;
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
        var tally = new FlushTally();
        var flushing = Writers.FlushContinuouslyAsync(flusher, stop.Token, tally: tally);

        // The writers go on past their million until three flushes have run while they write, however fast they are.
        var expected = await Writers.RunAsync(factory.Aggregator(), Writers.Keys(), writers: 8, perWriter: 1_000_000,
            until: () => Volatile.Read(ref tally.Succeeded) >= 3);
        await stop.CancelAsync();
        var (succeeded, failed) = await flushing;
        await flusher.FlushAllAsync();

        Assert.True(expected.Values.Sum() >= 8_000_000, $"{expected.Values.Sum()} records");
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
        var tally = new FlushTally();
        var progress = new WriterProgress();
        var flushing = Writers.FlushContinuouslyAsync(flusher, stopFlushing.Token, tally: tally);
        var writing = Writers.RunAsync(factory.Aggregator(), Writers.Keys(), writers: 8, perWriter: null, stopWriters.Token, progress: progress);

        // Each phase lasts until flushes and writes both happened in it: before, during and after the outage.
        await WaitUntilAsync(() => Volatile.Read(ref tally.Succeeded) >= 3 && progress.Recorded > 0, "no flush succeeded before the outage");
        var failuresBefore = metrics.FlushFailures;
        await using (await RelationalOutage.BeginAsync(factory))
        {
            var writtenAtStart = progress.Recorded;
            await WaitUntilAsync(
                () => metrics.FlushFailures >= failuresBefore + 3 && progress.Recorded >= writtenAtStart + (8 * 0x1000),
                "flushes did not fail while the writers wrote during the outage");
        }

        // Back up: the kept batch and everything counted meanwhile reach the store while the writers go on.
        await WaitUntilAsync(() => !flusher.HasPendingBatch, "the kept batch was not stored after the outage");
        var succeededAtRecovery = Volatile.Read(ref tally.Succeeded);
        var writtenAtRecovery = progress.Recorded;
        await WaitUntilAsync(
            () => Volatile.Read(ref tally.Succeeded) >= succeededAtRecovery + 3 && progress.Recorded >= writtenAtRecovery + (8 * 0x1000),
            "flushes and writes did not go on after the outage");
        await stopWriters.CancelAsync();
        var expected = await writing;
        await stopFlushing.CancelAsync();
        var (_, failed) = await flushing;
        await flusher.FlushAllAsync();

        Assert.True(failed >= 3, $"{failed} failed flushes");
        Writers.AssertSameCounts(expected, await factory.Store().ReadCountsAsync());
    }

    [Fact]
    public async Task A_flush_whose_commit_succeeded_but_whose_reply_was_lost_is_not_applied_again_on_retry()
    {
        var store = new ReplyLosingStore();
        var logs = new CapturingLoggerProvider();
        using var factory = DatarHost.Create(database, logs: logs);
        factory.WithServices(store.Install);
        var key = new EvaluationKey(1, 1, 0, EvaluationKey.HourOf(DateTimeOffset.UtcNow));
        factory.Aggregator().Record(key, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), count: 5);

        store.LoseNextReply = true;
        Assert.False(await factory.Flusher().FlushAsync(CancellationToken.None));
        Assert.True(factory.Flusher().HasPendingBatch);
        // The commit happened although the flusher saw a failure.
        Assert.Equal(5, Assert.Single(await factory.Store().ReadCountsAsync()).Value);

        Assert.True(await factory.Flusher().FlushAsync(CancellationToken.None));
        Assert.False(factory.Flusher().HasPendingBatch);
        Assert.Equal(new[] { true, false }, store.Results);
        Assert.Equal(store.FlushIds[0], store.FlushIds[1]);
        Assert.Equal(5, Assert.Single(await factory.Store().ReadCountsAsync()).Value);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("had already been stored", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_replicas_flushing_the_same_keys_into_one_table_concurrently_stay_exact()
    {
        using var first = DatarHost.Create(database);
        // The second host shares the first one's store: the same PostgreSQL database or the same SQLite file.
        using var second = DatarHost.Create(database).WithSetting("Recorder:Datar:ReplicaName", "second");
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
