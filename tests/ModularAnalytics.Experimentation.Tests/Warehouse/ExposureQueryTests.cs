using ModularAnalytics.Experimentation.Tests.Support;
using ModularAnalytics.Modules.Experimentation.Application.Events;
using ModularAnalytics.Modules.Experimentation.Domain.Experiments;
using ModularAnalytics.Modules.Experimentation.Domain.Exposures;
using static ModularAnalytics.Experimentation.Tests.Support.Events;

namespace ModularAnalytics.Experimentation.Tests.Warehouse;

/// <summary>The exposures query on the embedded engine, scenario by scenario; each test uses its own flag key.</summary>
public sealed class ExposureQueryTests(WarehouseDatabase db) : IClassFixture<WarehouseDatabase>
{
    private const int Env = 7;
    private static readonly List<ExperimentVariant> Variants = [new("control", 1), new("treatment", 1)];
    private static readonly DateTime Start = new(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly ExposureWindow Window = new(Start, Start.AddHours(5));

    private static DateTime At(int hour, int minute = 0, int second = 0, int ms = 0) => Start.Date.AddHours(hour).AddMinutes(minute).AddSeconds(second).AddMilliseconds(ms);

    private static long[] Cumulative(ExposurePayload payload, string key) => [.. payload.Timeseries.Select(p => p.CumulativeIdentities[key])];

    [Fact]
    public async Task Duplicates_count_once_in_the_bucket_of_the_first_exposure()
    {
        const string flag = "dups";
        await db.WriteAsync([
            Exposure(Env, flag, "u1", "control", At(11, 30)),
            Exposure(Env, flag, "u1", "control", At(11, 30)),
            Exposure(Env, flag, "u1", "control", At(13, 5)),
            Exposure(Env, flag, "u2", "treatment", At(12, 59, 59, 999)),
            Exposure(Env, flag, "u2", "treatment", At(12, 59, 59, 999)),
        ]);
        var payload = await db.PayloadAsync(Env, flag, Variants, Window);
        Assert.Equal(2, payload.TotalIdentities);
        Assert.Equal([0L, 1, 1, 1, 1, 1], Cumulative(payload, "control"));
        Assert.Equal([0L, 0, 1, 1, 1, 1], Cumulative(payload, "treatment"));
    }

    [Fact]
    public async Task Identical_timestamps_with_two_values_quarantine_the_identity()
    {
        const string flag = "same-time";
        await db.WriteAsync([
            Exposure(Env, flag, "u1", "control", At(10, 10)),
            Exposure(Env, flag, "u1", "treatment", At(10, 10)),
            Exposure(Env, flag, "u2", "treatment", At(10, 10)),
            Exposure(Env, flag, "u3", "control", At(11)),
            Exposure(Env, flag, "u3", "treatment", At(14)),
        ]);
        var payload = await db.PayloadAsync(Env, flag, Variants, Window);
        Assert.Equal(3, payload.TotalIdentities);
        Assert.Equal(2, payload.ExcludedIdentities);
        Assert.Equal(new Dictionary<string, long> { ["control"] = 0, ["treatment"] = 1 }, payload.Variants);
        Assert.Equal([1L, 2, 2, 2, 2, 2], Cumulative(payload, ExposurePayload.Multiple));
    }

    [Fact]
    public async Task A_late_event_moves_the_first_exposure_earlier()
    {
        const string flag = "late";
        await db.WriteAsync([Exposure(Env, flag, "u1", "control", At(14))]);
        var before = await db.PayloadAsync(Env, flag, Variants, Window);
        Assert.Equal([0L, 0, 0, 0, 1, 1], Cumulative(before, "control"));

        await db.WriteAsync([Exposure(Env, flag, "u1", "control", At(10, 1))]);
        var payload = await db.PayloadAsync(Env, flag, Variants, Window);
        Assert.Equal([1L, 1, 1, 1, 1, 1], Cumulative(payload, "control"));
        Assert.Equal(1, payload.TotalIdentities);
    }

    [Fact]
    public async Task Only_the_window_counts_both_edges_included()
    {
        const string flag = "window";
        await db.WriteAsync([
            Exposure(Env, flag, "before", "control", Start.AddMilliseconds(-1)),
            Exposure(Env, flag, "mixed", "control", Start.AddMinutes(-5)),
            Exposure(Env, flag, "mixed", "treatment", At(12)),
            Exposure(Env, flag, "at-start", "control", Start),
            Exposure(Env, flag, "at-end", "treatment", Window.End),
            Exposure(Env, flag, "after", "treatment", Window.End.AddMilliseconds(1)),
            Exposure(Env, flag, "late-second", "treatment", At(11)),
            Exposure(Env, flag, "late-second", "control", Window.End.AddMinutes(1)),
        ]);
        var payload = await db.PayloadAsync(Env, flag, Variants, Window);
        Assert.Equal(new Dictionary<string, long> { ["control"] = 1, ["treatment"] = 3 }, payload.Variants);
        Assert.Equal(0, payload.ExcludedIdentities);
        Assert.Equal([0L, 1, 2, 2, 2, 3], Cumulative(payload, "treatment"));
    }

    [Fact]
    public async Task Other_environments_features_and_events_are_ignored_and_other_values_kept()
    {
        const string flag = "scope";
        await db.WriteAsync([
            Exposure(Env, flag, "u1", "control", At(10)),
            Exposure(Env + 1, flag, "u2", "control", At(10)),
            Exposure(Env, flag + "-other", "u3", "control", At(10)),
            new ExperimentEvent(Env, "$pageview", "u4", flag, "control", At(10), At(10)),
            new ExperimentEvent(Env, ExperimentEvent.FlagExposure, "u5", flag, string.Empty, At(10), At(10)),
            Exposure(Env, flag, "u6", "legacy", At(11)),
        ]);
        var payload = await db.PayloadAsync(Env, flag, Variants, Window);
        Assert.Equal(new Dictionary<string, long> { ["control"] = 1, ["treatment"] = 0, ["legacy"] = 1 }, payload.Variants);
        Assert.Equal(2, payload.TotalIdentities);
        Assert.Equal(["control", "treatment", "legacy", ExposurePayload.Multiple], payload.Timeseries[0].CumulativeIdentities.Keys);
    }

    [Fact]
    public async Task Day_buckets_across_a_month_boundary_are_utc_days()
    {
        const string flag = "month";
        var start = new DateTime(2026, 10, 29, 20, 0, 0, DateTimeKind.Utc);
        var window = new ExposureWindow(start, new DateTime(2026, 11, 2, 4, 0, 0, DateTimeKind.Utc));
        await db.WriteAsync([
            Exposure(Env, flag, "u1", "control", new DateTime(2026, 10, 31, 23, 59, 59, 999, DateTimeKind.Utc)),
            Exposure(Env, flag, "u2", "control", new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc)),
            Exposure(Env, flag, "u3", "treatment", new DateTime(2026, 11, 2, 3, 59, 0, DateTimeKind.Utc)),
            Exposure(Env, flag, "u3", "treatment", new DateTime(2026, 10, 31, 0, 0, 0, DateTimeKind.Utc)),
        ]);
        var payload = await db.PayloadAsync(Env, flag, Variants, window);
        Assert.Equal(ExposureGranularity.Day, payload.Granularity);
        Assert.Equal(
            [new DateTime(2026, 10, 29, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 10, 30, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 10, 31, 0, 0, 0, DateTimeKind.Utc),
             new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc)],
            payload.Timeseries.Select(p => p.Bucket));
        Assert.Equal([0L, 0, 1, 2, 2], Cumulative(payload, "control"));
        Assert.Equal([0L, 0, 1, 1, 1], Cumulative(payload, "treatment"));
    }
}
