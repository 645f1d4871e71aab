using System.Collections.Concurrent;

namespace ModularAnalytics.Modules.Datar.Domain.Aggregation;

/// <summary>
/// Counts evaluations by <see cref="EvaluationKey"/> in memory, losing and double-counting nothing whatever the
/// interleaving of writers and drains.
/// </summary>
/// <remarks>
/// Flagr loads a counter and later deletes its key, so increments landing in between vanish. Here a drain takes
/// each count with an atomic exchange to zero: every increment lands either before the exchange (drained now) or
/// after it (drained next time). Keys are removed only once idle, by atomically retiring a zero counter to a
/// negative sentinel first; a writer that finds its increment landed on a retired counter retries on a fresh one.
/// Writers on an existing key do one dictionary read and one interlocked add, and allocate nothing.
/// </remarks>
public sealed class HourlyEvaluationAggregator
{
    private const long Retired = long.MinValue;

    private readonly ConcurrentDictionary<EvaluationKey, Counter> _counters = new();
    private readonly Lock _drainLock = new();
    private int _keyCount;

    /// <summary>Distinct keys currently held.</summary>
    public int KeyCount => Volatile.Read(ref _keyCount);

    /// <param name="unixSeconds">When the evaluation happened; the latest per key is kept for "last evaluated".</param>
    public void Record(in EvaluationKey key, long unixSeconds, long count = 1) =>
        TryRecord(key, unixSeconds, count, maxKeys: int.MaxValue);

    /// <summary>
    /// Counts <paramref name="count"/> evaluations under <paramref name="key"/>; refuses (returns false, counting
    /// nothing) only when the key is new and <paramref name="maxKeys"/> keys are already held.
    /// </summary>
    public bool TryRecord(in EvaluationKey key, long unixSeconds, long count, int maxKeys)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        while (true)
        {
            if (!_counters.TryGetValue(key, out var counter))
            {
                if (Volatile.Read(ref _keyCount) >= maxKeys)
                {
                    return false;
                }

                var created = new Counter { LastSeen = unixSeconds };
                if (!_counters.TryAdd(key, created))
                {
                    continue;
                }

                Interlocked.Increment(ref _keyCount);
                counter = created;
            }

            // The time goes in before the count: a drain that takes this count then also sees its time (interlocked
            // operations are full fences), so a stored count never carries an older "last evaluated" than its own.
            // Seconds, not ticks: with ordered timestamps the CAS runs about once a second per key.
            var last = Volatile.Read(ref counter.LastSeen);
            while (unixSeconds > last)
            {
                var seen = Interlocked.CompareExchange(ref counter.LastSeen, unixSeconds, last);
                if (seen == last)
                {
                    break;
                }

                last = seen;
            }

            if (Interlocked.Add(ref counter.Value, count) > 0)
            {
                return true;
            }

            // The counter was retired between our read and our add: our add is void there; help remove it and retry.
            Remove(key, counter);
        }
    }

    /// <summary>
    /// Moves every pending count into <paramref name="sink"/> (adding to what it holds; the latest time seen wins) and forgets idle keys of
    /// hours before <paramref name="retireBeforeHour"/>. Returns the number of keys drained.
    /// </summary>
    public int DrainInto(IDictionary<EvaluationKey, PendingCount> sink, long retireBeforeHour)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var drained = 0;
        lock (_drainLock)
        {
            foreach (var (key, counter) in _counters)
            {
                // Only this (locked) drain retires counters, so a live counter cannot turn retired under us.
                if (Volatile.Read(ref counter.Value) < 0)
                {
                    Remove(key, counter);
                    continue;
                }

                var taken = Interlocked.Exchange(ref counter.Value, 0);
                if (taken > 0)
                {
                    var lastSeen = Volatile.Read(ref counter.LastSeen);
                    sink[key] = sink.TryGetValue(key, out var existing)
                        ? new PendingCount(existing.Count + taken, Math.Max(existing.LastSeenUnixSeconds, lastSeen))
                        : new PendingCount(taken, lastSeen);
                    drained++;
                }
                else if (key.HourBucket < retireBeforeHour && Interlocked.CompareExchange(ref counter.Value, Retired, 0) == 0)
                {
                    Remove(key, counter);
                }
            }
        }

        return drained;
    }

    private void Remove(EvaluationKey key, Counter counter)
    {
        if (_counters.TryRemove(new KeyValuePair<EvaluationKey, Counter>(key, counter)))
        {
            Interlocked.Decrement(ref _keyCount);
        }
    }

    private sealed class Counter
    {
        public long Value;
        public long LastSeen;
    }
}

/// <summary>Evaluations counted under a key but not yet stored, and the latest time one was seen.</summary>
public readonly record struct PendingCount(long Count, long LastSeenUnixSeconds);
