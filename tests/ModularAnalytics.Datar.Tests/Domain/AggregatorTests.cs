using ModularAnalytics.Modules.Datar.Domain.Aggregation;
using Xunit;

namespace ModularAnalytics.Datar.Tests.Domain;

public sealed class AggregatorTests
{
    [Theory]
    [InlineData("2026-05-21T23:59:59Z", "2026-05-21T23:00:00Z")]
    [InlineData("2026-05-22T00:00:00Z", "2026-05-22T00:00:00Z")]
    [InlineData("2026-01-31T23:59:59.999Z", "2026-01-31T23:00:00Z")]
    [InlineData("2026-02-01T00:00:00Z", "2026-02-01T00:00:00Z")]
    [InlineData("2026-02-01T01:59:59+02:00", "2026-01-31T23:00:00Z")]
    [InlineData("1969-12-31T23:30:00Z", "1969-12-31T23:00:00Z")]
    public void Hour_buckets_are_utc_epoch_hours(string timestamp, string startOfHour)
    {
        var hour = EvaluationKey.HourOf(DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTime.Parse(startOfHour, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), EvaluationKey.StartOfHour(hour));
    }

    [Fact]
    public void A_drain_takes_counts_and_the_latest_time_and_retires_only_idle_old_keys()
    {
        var aggregator = new HourlyEvaluationAggregator();
        var old = new EvaluationKey(1, 1, 0, 100);
        var current = new EvaluationKey(1, 1, 0, 105);
        aggregator.Record(old, 500);
        aggregator.Record(old, 400);
        aggregator.Record(current, 600, count: 3);

        var sink = new Dictionary<EvaluationKey, PendingCount>();
        Assert.Equal(2, aggregator.DrainInto(sink, retireBeforeHour: 104));
        Assert.Equal(new PendingCount(2, 500), sink[old]);
        Assert.Equal(new PendingCount(3, 600), sink[current]);
        Assert.Equal(2, aggregator.KeyCount);

        // Idle now: the old hour's key goes, the current one stays for the allocation-free path.
        sink.Clear();
        Assert.Equal(0, aggregator.DrainInto(sink, retireBeforeHour: 104));
        Assert.Empty(sink);
        Assert.Equal(1, aggregator.KeyCount);

        // A late record for the retired hour simply comes back.
        aggregator.Record(old, 700);
        aggregator.DrainInto(sink, retireBeforeHour: 104);
        Assert.Equal(new PendingCount(1, 700), sink[old]);
    }

    [Fact]
    public void TryRecord_refuses_only_new_keys_at_the_bound()
    {
        var aggregator = new HourlyEvaluationAggregator();
        Assert.True(aggregator.TryRecord(new EvaluationKey(1, 1, 0, 1), 1, 1, maxKeys: 2));
        Assert.True(aggregator.TryRecord(new EvaluationKey(2, 1, 0, 1), 1, 1, maxKeys: 2));
        Assert.False(aggregator.TryRecord(new EvaluationKey(3, 1, 0, 1), 1, 1, maxKeys: 2));
        Assert.True(aggregator.TryRecord(new EvaluationKey(1, 1, 0, 1), 1, 1, maxKeys: 2));
        Assert.Equal(2, aggregator.KeyCount);
    }

    [Fact]
    public void Concurrent_writers_and_retiring_drains_lose_and_double_nothing()
    {
        // Old-hour keys, so every drain that finds one idle retires it while writers race to add to it.
        var aggregator = new HourlyEvaluationAggregator();
        var keys = Enumerable.Range(0, 64).Select(i => new EvaluationKey(i % 8, i / 8, 0, 10)).ToArray();
        const int PerWriter = 400_000;
        var totals = new Dictionary<EvaluationKey, long>();
        var done = 0;
        var drainer = new Thread(() =>
        {
            while (Volatile.Read(ref done) == 0)
            {
                var sink = new Dictionary<EvaluationKey, PendingCount>();
                aggregator.DrainInto(sink, retireBeforeHour: long.MaxValue);
                foreach (var (key, pending) in sink)
                {
                    totals[key] = totals.GetValueOrDefault(key) + pending.Count;
                }
            }
        });
        drainer.Start();
        var writers = Enumerable.Range(0, 4).Select(w => new Thread(() =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                // Bursts on one key then a pause lets keys go idle and be retired mid-run.
                aggregator.Record(keys[(i / 64 + w) % keys.Length], 1);
            }
        })).ToArray();
        foreach (var writer in writers)
        {
            writer.Start();
        }

        foreach (var writer in writers)
        {
            writer.Join();
        }

        Volatile.Write(ref done, 1);
        drainer.Join();
        var last = new Dictionary<EvaluationKey, PendingCount>();
        aggregator.DrainInto(last, retireBeforeHour: long.MaxValue);
        foreach (var (key, pending) in last)
        {
            totals[key] = totals.GetValueOrDefault(key) + pending.Count;
        }

        Assert.Equal(4L * PerWriter, totals.Values.Sum());
        var expected = new Dictionary<EvaluationKey, long>();
        for (var w = 0; w < 4; w++)
        {
            for (var i = 0; i < PerWriter; i++)
            {
                var key = keys[(i / 64 + w) % keys.Length];
                expected[key] = expected.GetValueOrDefault(key) + 1;
            }
        }

        Assert.Equal(expected.Count, totals.Count);
        Assert.All(expected, kv => Assert.Equal(kv.Value, totals.GetValueOrDefault(kv.Key)));
    }
}
