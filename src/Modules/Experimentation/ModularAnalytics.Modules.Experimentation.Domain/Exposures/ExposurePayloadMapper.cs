using ModularAnalytics.Modules.Experimentation.Domain.Experiments;

namespace ModularAnalytics.Modules.Experimentation.Domain.Exposures;

/// <summary>Turns the warehouse's first-exposure counts per (bucket, key) into the payload: totals, series, SRM.</summary>
public static class ExposurePayloadMapper
{
    public static ExposurePayload Map(IReadOnlyList<ExperimentVariant> variants, ExposureWindow window, IEnumerable<ExposureCount> counts, long srmMinimumIdentities)
    {
        var granularity = window.Granularity;
        var byBucket = new SortedDictionary<DateTime, Dictionary<string, long>>();
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var count in counts)
        {
            var bucket = ExposureWindow.BucketOf(count.Bucket, granularity);
            if (!byBucket.TryGetValue(bucket, out var keys))
            {
                byBucket[bucket] = keys = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            keys[count.Key] = keys.GetValueOrDefault(count.Key) + count.Identities;
            totals[count.Key] = totals.GetValueOrDefault(count.Key) + count.Identities;
        }

        // Configured variants first in their configured order, then other observed values in ordinal order.
        var configured = variants.Select(v => v.Key).ToList();
        var others = totals.Keys.Where(k => k != ExposurePayload.Multiple && !configured.Contains(k, StringComparer.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        var variantKeys = configured.Concat(others).ToList();
        var seriesKeys = variantKeys.Append(ExposurePayload.Multiple).ToList();

        var variantTotals = variantKeys.ToDictionary(k => k, k => totals.GetValueOrDefault(k), StringComparer.Ordinal);
        var excluded = totals.GetValueOrDefault(ExposurePayload.Multiple);
        return new ExposurePayload(
            granularity,
            variantTotals.Values.Sum() + excluded,
            excluded,
            variantTotals,
            Series(window, byBucket, seriesKeys),
            SampleRatioMismatch.Check(variants, variantTotals, srmMinimumIdentities));
    }

    private static List<ExposurePoint> Series(ExposureWindow window, SortedDictionary<DateTime, Dictionary<string, long>> byBucket, List<string> keys)
    {
        var running = keys.ToDictionary(k => k, _ => 0L, StringComparer.Ordinal);
        var series = new List<ExposurePoint>();
        foreach (var bucket in window.Buckets())
        {
            if (byBucket.TryGetValue(bucket, out var counts))
            {
                foreach (var (key, identities) in counts)
                {
                    running[key] += identities;
                }
            }

            series.Add(new ExposurePoint(bucket, new Dictionary<string, long>(running, StringComparer.Ordinal)));
        }

        return series;
    }
}
