using Microsoft.Extensions.Logging;
using ModularAnalytics.Modules.Datar.Domain.Aggregation;

namespace ModularAnalytics.Modules.Datar.Application.Recording;

/// <summary>The `datar` recorder: counts into the in-memory hourly aggregator, which the flusher stores.</summary>
public sealed class DatarRecorder(
    HourlyEvaluationAggregator aggregator,
    DatarFlusher flusher,
    RecorderOptions options,
    DatarMetrics metrics,
    ILogger<DatarRecorder> logger) : IDataRecorder
{
    public string Name => RecorderOptions.Datar;

    private int _atBound;

    public bool CanAccept(int records)
    {
        // Conservative: as if every record were a new key, and counting the keys of a batch kept from a failed
        // flush too. Only a long store outage gets near the bound.
        var held = aggregator.KeyCount + (long)flusher.PendingKeyCount;
        if (held + records <= options.MaxKeys)
        {
            if (Interlocked.Exchange(ref _atBound, 0) == 1)
            {
                logger.LogInformation("Datar is below its bound of {MaxKeys} keys again and accepts records", options.MaxKeys);
            }

            return true;
        }

        metrics.BoundHit();
        // One line per episode, not per refused batch: clients retrying during an outage would flood the log.
        if (Interlocked.Exchange(ref _atBound, 1) == 0)
        {
            logger.LogWarning(
                "Datar holds {Keys} keys, its bound is {MaxKeys}: refusing records (503) until the store takes the backlog",
                held, options.MaxKeys);
        }

        return false;
    }

    public ValueTask RecordAsync(IReadOnlyList<EvaluationRecord> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            var key = new EvaluationKey(record.FlagId, record.VariantId, record.SegmentId, EvaluationKey.HourOf(record.Timestamp));
            aggregator.Record(key, record.Timestamp.ToUnixTimeSeconds());
        }

        return ValueTask.CompletedTask;
    }
}
