using System.Diagnostics.Metrics;

namespace ModularAnalytics.Modules.Datar.Application.Recording;

/// <summary>Datar's counters, on the `ModularAnalytics.Datar` meter.</summary>
internal sealed class DatarMetrics : IDisposable
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
