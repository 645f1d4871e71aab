using ModularAnalytics.Modules.Datar.Application.Recording;
using ModularAnalytics.Modules.Datar.Domain.Aggregation;
using ModularAnalytics.Datar.Tests.Support;

namespace ModularAnalytics.Datar.Tests.Recording;

/// <summary>Writer threads hammering an aggregator while a flusher runs every few milliseconds, tallying what they recorded.</summary>
internal static class Writers
{
    /// <summary>25 flags × 4 variants × 5 segments × 4 hours (the current one and three before, so idle keys get retired too).</summary>
    public static EvaluationKey[] Keys(int flagOffset = 0)
    {
        var hour = EvaluationKey.HourOf(DateTimeOffset.UtcNow);
        return (from flag in Enumerable.Range(1 + flagOffset, 25)
                from variant in Enumerable.Range(1, 4)
                from segment in Enumerable.Range(0, 5)
                from h in Enumerable.Range(0, 4)
                select new EvaluationKey(flag, variant, segment, hour - h)).ToArray();
    }

    /// <summary>
    /// Runs <paramref name="writers"/> threads, each recording <paramref name="perWriter"/> records (or, when null,
    /// until <paramref name="stop"/> is cancelled), over <paramref name="keys"/>. Returns the exact count recorded per key.
    /// </summary>
    /// <param name="until">When given, each writer goes on past <paramref name="perWriter"/> until this holds.</param>
    /// <param name="progress">Counts records written so far, in steps of 4096, for tests that wait on the writers' progress.</param>
    public static Task<Dictionary<StoredKey, long>> RunAsync(
        HourlyEvaluationAggregator aggregator, EvaluationKey[] keys, int writers, long? perWriter, CancellationToken stop = default,
        Func<bool>? until = null, WriterProgress? progress = null)
    {
        var tallies = new long[writers][];
        var threads = new Thread[writers];
        var seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        for (var w = 0; w < writers; w++)
        {
            var writer = w;
            tallies[writer] = new long[keys.Length];
            threads[writer] = new Thread(() =>
            {
                var tally = tallies[writer];
                // A different stride per writer spreads them over the keys while they still collide on many.
                var index = writer * 7;
                var stride = 1 + (2 * writer);
                var more = true;
                for (long i = 0; perWriter is null ? !stop.IsCancellationRequested : i < perWriter || more; i++)
                {
                    index = (index + stride) % keys.Length;
                    aggregator.Record(keys[index], seconds);
                    tally[index]++;
                    // Two cores: let the flusher and the database in now and then.
                    if ((i & 0xFFF) == 0)
                    {
                        more = until?.Invoke() == false;
                        progress?.Add(0x1000);
                        Thread.Sleep(1);
                    }
                }
            })
            { IsBackground = true, Name = $"datar-writer-{writer}" };
        }

        return Task.Run(() =>
        {
            foreach (var thread in threads)
            {
                thread.Start();
            }

            foreach (var thread in threads)
            {
                thread.Join();
            }

            var expected = new Dictionary<StoredKey, long>();
            for (var k = 0; k < keys.Length; k++)
            {
                var total = tallies.Sum(t => t[k]);
                if (total > 0)
                {
                    expected[new StoredKey(keys[k].FlagId, keys[k].HourBucket, keys[k].VariantId, keys[k].SegmentId)] = total;
                }
            }

            return expected;
        });
    }

    /// <summary>Flushes every few milliseconds until <paramref name="stop"/>; returns (successful, failed) flushes.</summary>
    /// <param name="minSucceeded">Keep flushing past <paramref name="stop"/> (for at most 10 s) until this many flushes succeeded.</param>
    /// <param name="tally">Live counts of successful and failed flushes, for tests that wait on them.</param>
    public static async Task<(int Succeeded, int Failed)> FlushContinuouslyAsync(
        DatarFlusher flusher, CancellationToken stop, int minSucceeded = 0, FlushTally? tally = null)
    {
        tally ??= new FlushTally();
        var overtime = System.Diagnostics.Stopwatch.StartNew();
        while (!stop.IsCancellationRequested || (Volatile.Read(ref tally.Succeeded) < minSucceeded && overtime.Elapsed < TimeSpan.FromSeconds(10)))
        {
            if (!stop.IsCancellationRequested)
            {
                overtime.Restart();
            }

            if (await flusher.FlushAsync(CancellationToken.None))
            {
                Interlocked.Increment(ref tally.Succeeded);
            }
            else
            {
                Interlocked.Increment(ref tally.Failed);
            }

            await Task.Delay(3, CancellationToken.None);
        }

        return (tally.Succeeded, tally.Failed);
    }

    public static void AssertSameCounts(Dictionary<StoredKey, long> expected, Dictionary<StoredKey, long> stored)
    {
        var missing = expected.Where(kv => stored.GetValueOrDefault(kv.Key) != kv.Value).Take(5)
            .Select(kv => $"{kv.Key}: expected {kv.Value}, stored {stored.GetValueOrDefault(kv.Key)}").ToList();
        var extra = stored.Keys.Except(expected.Keys).Take(5).Select(k => $"{k}: unexpected {stored[k]}");
        Xunit.Assert.True(missing.Count == 0 && !extra.Any(), string.Join('\n', missing.Concat(extra)));
        Xunit.Assert.Equal(expected.Values.Sum(), stored.Values.Sum());
    }
}

/// <summary>Successful and failed flushes so far (read with Volatile.Read).</summary>
internal sealed class FlushTally
{
    public int Succeeded;
    public int Failed;
}

/// <summary>Records the writers have written so far, in steps.</summary>
internal sealed class WriterProgress
{
    private long _recorded;

    public long Recorded => Interlocked.Read(ref _recorded);

    public void Add(long records) => Interlocked.Add(ref _recorded, records);
}
