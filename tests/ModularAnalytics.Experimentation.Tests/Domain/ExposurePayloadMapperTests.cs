using ModularAnalytics.Modules.Experimentation.Domain.Experiments;
using ModularAnalytics.Modules.Experimentation.Domain.Exposures;

namespace ModularAnalytics.Experimentation.Tests.Domain;

public sealed class ExposurePayloadMapperTests
{
    private static readonly DateTime Start = new(2026, 11, 1, 9, 15, 0, DateTimeKind.Utc);
    private static readonly List<ExperimentVariant> Variants = [new("control", 1), new("treatment", 1)];

    private static DateTime Hour(int h) => new(2026, 11, 1, h, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Series_is_contiguous_and_carries_counts_forward()
    {
        var window = new ExposureWindow(Start, Start.AddHours(4));
        var payload = ExposurePayloadMapper.Map(Variants, window,
        [
            new ExposureCount(Hour(9), "control", 3),
            new ExposureCount(Hour(11), "treatment", 2),
            new ExposureCount(Hour(11), "control", 1),
        ], 100);

        Assert.Equal(ExposureGranularity.Hour, payload.Granularity);
        Assert.Equal([Hour(9), Hour(10), Hour(11), Hour(12), Hour(13)], payload.Timeseries.Select(p => p.Bucket));
        long[][] expected = [[3, 0, 0], [3, 0, 0], [4, 2, 0], [4, 2, 0], [4, 2, 0]];
        for (var i = 0; i < expected.Length; i++)
        {
            var point = payload.Timeseries[i].CumulativeIdentities;
            Assert.Equal(["control", "treatment", ExposurePayload.Multiple], point.Keys);
            Assert.Equal(expected[i], new[] { point["control"], point["treatment"], point[ExposurePayload.Multiple] });
        }

        Assert.Equal(6, payload.TotalIdentities);
        Assert.Equal(0, payload.ExcludedIdentities);
        Assert.Equal(new Dictionary<string, long> { ["control"] = 4, ["treatment"] = 2 }, payload.Variants);
    }

    [Fact]
    public void Quarantined_and_other_values_are_counted_apart()
    {
        var window = new ExposureWindow(Start, Start.AddHours(1));
        var payload = ExposurePayloadMapper.Map(Variants, window,
        [
            new ExposureCount(Hour(9), ExposurePayload.Multiple, 2),
            new ExposureCount(Hour(9), "zeta", 1),
            new ExposureCount(Hour(10), "alpha", 4),
            new ExposureCount(Hour(10), "treatment", 5),
        ], 100);

        // Configured variants first (0 included), then other observed values in ordinal order; $multiple only in the series.
        Assert.Equal(["control", "treatment", "alpha", "zeta"], payload.Variants.Keys);
        Assert.Equal([0L, 5, 4, 1], payload.Variants.Values);
        Assert.Equal(12, payload.TotalIdentities);
        Assert.Equal(2, payload.ExcludedIdentities);
        var last = payload.Timeseries[^1].CumulativeIdentities;
        Assert.Equal(["control", "treatment", "alpha", "zeta", ExposurePayload.Multiple], last.Keys);
        Assert.Equal(2, last[ExposurePayload.Multiple]);
        Assert.Equal(0, payload.Timeseries[0].CumulativeIdentities["alpha"]);

        // The sample ratio check sees only the configured variants: N = 5, under the minimum.
        Assert.Equal(["control", "treatment"], payload.SampleRatioMismatch.Expected.Keys);
        Assert.Equal(2.5, payload.SampleRatioMismatch.Expected["control"]);
        Assert.Equal(SampleRatioMismatchResult.NotEnoughTraffic, payload.SampleRatioMismatch.Status);
    }

    [Fact]
    public void Long_windows_bucket_by_utc_day()
    {
        var window = new ExposureWindow(Start, Start.AddDays(3).AddHours(1));
        var payload = ExposurePayloadMapper.Map(Variants, window, [new ExposureCount(new DateTime(2026, 11, 3, 0, 0, 0, DateTimeKind.Utc), "control", 7)], 100);
        Assert.Equal(ExposureGranularity.Day, payload.Granularity);
        Assert.Equal(4, payload.Timeseries.Count);
        Assert.Equal(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), payload.Timeseries[0].Bucket);
        Assert.Equal([0L, 0, 7, 7], payload.Timeseries.Select(p => p.CumulativeIdentities["control"]));
    }

    [Fact]
    public void No_exposures_give_zeros_over_every_bucket()
    {
        var payload = ExposurePayloadMapper.Map(Variants, new ExposureWindow(Start, Start.AddMinutes(30)), [], 100);
        Assert.Equal(0, payload.TotalIdentities);
        Assert.Equal(new Dictionary<string, long> { ["control"] = 0, ["treatment"] = 0 }, payload.Variants);
        Assert.Single(payload.Timeseries);
        Assert.Null(payload.SampleRatioMismatch.PValue);
    }
}
