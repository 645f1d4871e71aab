using Microsoft.Extensions.Logging;
using ModularAnalytics.Modules.Datar.Domain.Aggregation;

namespace ModularAnalytics.Modules.Datar.Application.Recording;

/// <summary>The `datar` recorder: counts into the in-memory hourly aggregator, which the flusher stores.</summary>
public sealed class DatarRecorder(
    HourlyEvaluationAggregator aggregator, RecorderOptions options, DatarMetrics metrics, ILogger<DatarRecorder> logger) : IDataRecorder
{
    public string Name => RecorderOptions.Datar;

    public bool CanAccept(int records)
    {
        // Conservative: as if every record were a new key. Only a long store outage gets near the bound.
        if (aggregator.KeyCount + (long)records <= options.MaxKeys)
        {
            return true;
        }

        metrics.BoundHit();
        logger.LogWarning("Datar holds {Keys} keys, its bound is {MaxKeys}: refusing {Records} records until the store takes the backlog",
            aggregator.KeyCount, options.MaxKeys, records);
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
