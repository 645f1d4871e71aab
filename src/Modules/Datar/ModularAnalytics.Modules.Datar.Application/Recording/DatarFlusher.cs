using Microsoft.Extensions.Logging;
using ModularAnalytics.Modules.Datar.Application.Abstractions;
using ModularAnalytics.Modules.Datar.Domain.Aggregation;

namespace ModularAnalytics.Modules.Datar.Application.Recording;

/// <summary>
/// Moves the aggregator's counts into the store. A batch that fails to store is kept whole, with its flush id,
/// and retried first next time, so an outage loses nothing and an ambiguous commit cannot count twice; counts
/// arriving meanwhile wait in the aggregator.
/// </summary>
/// <remarks>
/// Durability: every accepted batch is in the <see cref="IEvaluationLog"/> before it is counted, and a drain takes
/// exactly the batches logged up to a sequence number (batches count under a shared lock, the drain takes it
/// exclusively). Before storing, the flush logs its id and that number; at start-up each logged flush is applied
/// again under its own id (the store skips ids it holds) and batches no flush claims are stored under a new one.
/// So a record is counted once whether the crash came before, during or after the flush's commit.
/// </remarks>
internal sealed class DatarFlusher(
    HourlyEvaluationAggregator aggregator,
    IEvaluationLog log,
    RecorderOptions options,
    IHourlyEventStoreFactory stores,
    TimeProvider time,
    DatarMetrics metrics,
    ILogger<DatarFlusher> logger)
{
    private static readonly TimeSpan ReplayRetry = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ReaderWriterLockSlim _order = new(LockRecursionPolicy.NoRecursion);
    private PendingBatch? _pending;

    /// <summary>True while a batch that failed to store waits to be retried.</summary>
    public bool HasPendingBatch => Volatile.Read(ref _pending) is not null;

    /// <summary>Keys in the batch kept from a failed flush (0 when none): memory the key bound has to count.</summary>
    public int PendingKeyCount => Volatile.Read(ref _pending)?.Counts.Count ?? 0;

    /// <summary>Logs an accepted batch's deltas and counts them; returns the sequence number to await durability of.</summary>
    /// <exception cref="IOException">The log can no longer be written; nothing was counted.</exception>
    public long Count(IReadOnlyList<HourlyCount> deltas)
    {
        _order.EnterReadLock();
        try
        {
            var sequence = log.Append(deltas);
            foreach (var delta in deltas)
            {
                aggregator.Record(new EvaluationKey(delta.FlagId, delta.VariantId, delta.SegmentId, delta.HourBucket), delta.LastSeenUnixSeconds, delta.Count);
            }

            return sequence;
        }
        finally
        {
            _order.ExitReadLock();
        }
    }

    /// <summary>Stores what has been counted. Returns false when the store failed (the counts are kept).</summary>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // A batch that failed before goes first, whole and with its id; then one fresh drain. Draining only
            // once per call keeps a flush bounded even while writers never pause.
            if (_pending is not null)
            {
                if (!await TryStoreAsync(_pending, cancellationToken))
                {
                    return false;
                }

                Volatile.Write(ref _pending, null);
            }

            var batch = Drain();
            if (batch is null)
            {
                return true;
            }

            Volatile.Write(ref _pending, batch);
            if (!await TryStoreAsync(batch, cancellationToken))
            {
                return false;
            }

            Volatile.Write(ref _pending, null);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stores what the log held at start-up and no committed flush covers, retrying until the store takes it
    /// (or <paramref name="cancellationToken"/>, the host's start-up timeout, gives up).
    /// </summary>
    public async Task ReplayAsync(CancellationToken cancellationToken)
    {
        var recovered = log.TakeRecovered();
        if (recovered.Count == 0)
        {
            return;
        }

        var firstOfThisRun = log.LastSequence + 1;
        var plan = new List<PendingBatch>();
        var batches = recovered.OfType<LoggedBatch>().OrderBy(b => b.Sequence).ToList();
        var claimedThrough = long.MinValue;
        foreach (var flush in recovered.OfType<LoggedFlush>().OrderBy(f => f.Sequence))
        {
            var claimed = batches.Where(b => b.Sequence > claimedThrough && b.Sequence <= flush.CoversThrough);
            plan.Add(new PendingBatch(flush.FlushId, Sum(claimed), flush.CoversThrough) { ClaimSequence = flush.Sequence });
            claimedThrough = Math.Max(claimedThrough, flush.CoversThrough);
        }

        var unclaimed = batches.Where(b => b.Sequence > claimedThrough).ToList();
        if (unclaimed.Count > 0)
        {
            plan.Add(new PendingBatch(Guid.NewGuid(), Sum(unclaimed), unclaimed[^1].Sequence));
        }

        var applied = 0;
        foreach (var batch in plan)
        {
            while (!await TryStoreAsync(batch, cancellationToken))
            {
                await Task.Delay(ReplayRetry, cancellationToken);
            }

            applied += batch.Applied ? 1 : 0;
        }

        log.ReleaseBefore(firstOfThisRun);
        logger.LogInformation(
            "Datar replayed its log: {Batches} logged batches, {Flushes} flushes of which {Applied} were not yet stored ({Evaluations} evaluations stored now)",
            batches.Count, plan.Count, applied, plan.Where(b => b.Applied).Sum(b => b.Counts.Sum(c => c.Count)));
    }

    private static HourlyCount[] Sum(IEnumerable<LoggedBatch> batches)
    {
        var sums = new Dictionary<EvaluationKey, PendingCount>();
        foreach (var delta in batches.SelectMany(b => b.Deltas))
        {
            var key = new EvaluationKey(delta.FlagId, delta.VariantId, delta.SegmentId, delta.HourBucket);
            sums[key] = sums.TryGetValue(key, out var sum)
                ? new PendingCount(sum.Count + delta.Count, Math.Max(sum.LastSeenUnixSeconds, delta.LastSeenUnixSeconds))
                : new PendingCount(delta.Count, delta.LastSeenUnixSeconds);
        }

        return ToCounts(sums);
    }

    private static HourlyCount[] ToCounts(Dictionary<EvaluationKey, PendingCount> sums) =>
        sums.Select(kv => new HourlyCount(kv.Key.FlagId, kv.Key.HourBucket, kv.Key.VariantId, kv.Key.SegmentId, kv.Value.Count, kv.Value.LastSeenUnixSeconds))
            .ToArray();

    private PendingBatch? Drain()
    {
        var now = time.GetUtcNow();
        var sink = new Dictionary<EvaluationKey, PendingCount>();
        // Keys of hours before the previous one are retired once idle; late records simply recreate them. Near the
        // bound (after an outage) every idle key goes, so that ingestion is accepted again as soon as the backlog is stored.
        var retireBeforeHour = aggregator.KeyCount > options.MaxKeys / 2 ? long.MaxValue : EvaluationKey.HourOf(now) - 1;
        long coversThrough;
        _order.EnterWriteLock();
        try
        {
            aggregator.DrainInto(sink, retireBeforeHour);
            coversThrough = log.LastSequence;
            if (sink.Count > 0)
            {
                log.Rotate();
            }
        }
        finally
        {
            _order.ExitWriteLock();
        }

        return sink.Count == 0 ? null : new PendingBatch(Guid.NewGuid(), ToCounts(sink), coversThrough);
    }

    private async Task<bool> TryStoreAsync(PendingBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            // The claim goes to the log before the store sees the id: a crash after the commit must find it on replay.
            batch.ClaimSequence ??= await log.AppendFlushAsync(batch.FlushId, batch.CoversThrough, cancellationToken);
            batch.Applied = await stores.UseAsync(store => store.ApplyAsync(batch.FlushId, batch.Counts, time.GetUtcNow().UtcDateTime, cancellationToken));
            if (batch.Applied)
            {
                metrics.Flushed(batch.Counts.Count, batch.Counts.Sum(c => c.Count));
            }
            else
            {
                logger.LogWarning("Datar flush {FlushId} had already been stored; not applied again", batch.FlushId);
            }

            if (batch.Attempts > 0)
            {
                logger.LogInformation("Datar flush {FlushId} stored after {Attempts} failed attempts", batch.FlushId, batch.Attempts);
            }

            log.ReleaseBefore(batch.ClaimSequence.Value);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            batch.Attempts++;
            metrics.FlushFailed();
            logger.LogWarning(ex, "Datar flush {FlushId} of {Keys} keys failed (attempt {Attempts}); kept for the next flush",
                batch.FlushId, batch.Counts.Count, batch.Attempts);
            return false;
        }
    }

    private sealed class PendingBatch(Guid flushId, IReadOnlyCollection<HourlyCount> counts, long coversThrough)
    {
        public Guid FlushId { get; } = flushId;

        public IReadOnlyCollection<HourlyCount> Counts { get; } = counts;

        /// <summary>The last logged batch this flush holds.</summary>
        public long CoversThrough { get; } = coversThrough;

        /// <summary>Where the flush's claim sits in the log, once written.</summary>
        public long? ClaimSequence { get; set; }

        public bool Applied { get; set; }

        public int Attempts { get; set; }
    }
}
