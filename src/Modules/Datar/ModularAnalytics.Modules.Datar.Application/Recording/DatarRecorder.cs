using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.Modules.Datar.Application.Abstractions;
using ModularAnalytics.Modules.Datar.Domain.Aggregation;

namespace ModularAnalytics.Modules.Datar.Application.Recording;

/// <summary>
/// The `datar` recorder: sums a batch per key, writes the sums to the local log and counts them into the in-memory
/// hourly aggregator, which the flusher stores; it returns once the log holds the batch on disk, so a 202 survives a crash.
/// </summary>
internal sealed class DatarRecorder(
    HourlyEvaluationAggregator aggregator,
    DatarFlusher flusher,
    IEvaluationLog log,
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

    public async ValueTask RecordAsync(IReadOnlyList<EvaluationRecord> records, CancellationToken cancellationToken)
    {
        var sums = new Dictionary<EvaluationKey, PendingCount>();
        foreach (var record in records)
        {
            var seconds = record.Timestamp.ToUnixTimeSeconds();
            ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(
                sums, new EvaluationKey(record.FlagId, record.VariantId, record.SegmentId, EvaluationKey.HourOf(record.Timestamp)), out _);
            sum = new PendingCount(sum.Count + 1, Math.Max(sum.LastSeenUnixSeconds, seconds));
        }

        var deltas = sums.Select(kv => new HourlyCount(kv.Key.FlagId, kv.Key.HourBucket, kv.Key.VariantId, kv.Key.SegmentId, kv.Value.Count, kv.Value.LastSeenUnixSeconds))
            .ToArray();
        try
        {
            // Not cancelled with the request: once counted, the batch must reach the disk whether or not the client waits.
            await log.WaitDurableAsync(flusher.Count(deltas), CancellationToken.None);
        }
        catch (IOException ex)
        {
            logger.LogError(ex, "Datar's log cannot be written; refusing records (503)");
            throw new ServiceUnavailableException("Datar cannot write its local log; retry later.");
        }
    }
}
