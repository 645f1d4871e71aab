using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModularAnalytics.Modules.Datar.Application.Ports;
using ModularAnalytics.Modules.Datar.Domain.Aggregation;

namespace ModularAnalytics.Modules.Datar.Application.Recording;

/// <summary>
/// Moves the aggregator's counts into the store. A batch that fails to store is kept whole, with its flush id,
/// and retried first next time, so an outage loses nothing and an ambiguous commit cannot count twice; counts
/// arriving meanwhile wait in the aggregator.
/// </summary>
public sealed class DatarFlusher(
    HourlyEvaluationAggregator aggregator,
    RecorderOptions options,
    IServiceScopeFactory scopes,
    TimeProvider time,
    DatarMetrics metrics,
    ILogger<DatarFlusher> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PendingBatch? _pending;

    /// <summary>True while a batch that failed to store waits to be retried.</summary>
    public bool HasPendingBatch => Volatile.Read(ref _pending) is not null;

    /// <summary>Keys in the batch kept from a failed flush (0 when none): memory the key bound has to count.</summary>
    public int PendingKeyCount => Volatile.Read(ref _pending)?.Counts.Count ?? 0;

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

    private PendingBatch? Drain()
    {
        var now = time.GetUtcNow();
        var sink = new Dictionary<EvaluationKey, PendingCount>();
        // Keys of hours before the previous one are retired once idle; late records simply recreate them. Near the
        // bound (after an outage) every idle key goes, so that ingestion is accepted again as soon as the backlog is stored.
        var retireBeforeHour = aggregator.KeyCount > options.MaxKeys / 2 ? long.MaxValue : EvaluationKey.HourOf(now) - 1;
        aggregator.DrainInto(sink, retireBeforeHour);
        if (sink.Count == 0)
        {
            return null;
        }

        var counts = sink.Select(kv => new HourlyCount(kv.Key.FlagId, kv.Key.HourBucket, kv.Key.VariantId, kv.Key.SegmentId, kv.Value.Count, kv.Value.LastSeenUnixSeconds))
            .ToArray();
        return new PendingBatch(Guid.NewGuid(), counts);
    }

    private async Task<bool> TryStoreAsync(PendingBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IHourlyEventStore>();
            var applied = await store.ApplyAsync(batch.FlushId, batch.Counts, time.GetUtcNow().UtcDateTime, cancellationToken);
            if (applied)
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

    private sealed class PendingBatch(Guid flushId, IReadOnlyCollection<HourlyCount> counts)
    {
        public Guid FlushId { get; } = flushId;

        public IReadOnlyCollection<HourlyCount> Counts { get; } = counts;

        public int Attempts { get; set; }
    }
}

/// <summary>Datar's counters, on the `ModularAnalytics.Datar` meter.</summary>
public sealed class DatarMetrics : IDisposable
{
    public const string MeterName = "ModularAnalytics.Datar";

    private readonly Meter _meter;
    private readonly Counter<long> _flushedKeys;
    private readonly Counter<long> _flushedEvaluations;
    private readonly Counter<long> _flushFailuresCounter;
    private readonly Counter<long> _boundHitsCounter;

    public DatarMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _flushedKeys = _meter.CreateCounter<long>("datar.flush.keys");
        _flushedEvaluations = _meter.CreateCounter<long>("datar.flush.evaluations");
        _flushFailuresCounter = _meter.CreateCounter<long>("datar.flush.failures");
        _boundHitsCounter = _meter.CreateCounter<long>("datar.pending.bound_hits");
    }

    private long _boundHits;
    private long _flushFailures;

    /// <summary>Batches refused at the key bound since start (also on the meter).</summary>
    public long BoundHits => Interlocked.Read(ref _boundHits);

    /// <summary>Flushes the store failed since start (also on the meter).</summary>
    public long FlushFailures => Interlocked.Read(ref _flushFailures);

    public void Flushed(int keys, long evaluations)
    {
        _flushedKeys.Add(keys);
        _flushedEvaluations.Add(evaluations);
    }

    public void FlushFailed()
    {
        Interlocked.Increment(ref _flushFailures);
        _flushFailuresCounter.Add(1);
    }

    public void BoundHit()
    {
        Interlocked.Increment(ref _boundHits);
        _boundHitsCounter.Add(1);
    }

    public void Dispose() => _meter.Dispose();
}
