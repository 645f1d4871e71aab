using ModularAnalytics.Modules.Experimentation.Domain.Exposures;

namespace ModularAnalytics.Experimentation.Tests.Domain;

public sealed class ExposureWindowTests
{
    private static readonly DateTime Start = new(2026, 11, 1, 10, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void Exactly_72_hours_is_hourly_and_a_tick_more_is_daily()
    {
        Assert.Equal(ExposureGranularity.Hour, new ExposureWindow(Start, Start.AddHours(72)).Granularity);
        Assert.Equal(ExposureGranularity.Day, new ExposureWindow(Start, Start.AddHours(72).AddTicks(1)).Granularity);
    }

    [Fact]
    public void Buckets_run_from_the_bucket_of_the_start_to_the_bucket_of_the_end()
    {
        var buckets = new ExposureWindow(Start, Start.AddHours(2)).Buckets().ToList();
        Assert.Equal(
            [new DateTime(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 1, 11, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc)],
            buckets);
        Assert.All(buckets, b => Assert.Equal(DateTimeKind.Utc, b.Kind));
    }

    [Fact]
    public void Daily_buckets_are_utc_days_across_a_month_boundary()
    {
        var window = new ExposureWindow(new DateTime(2026, 10, 30, 23, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 3, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(ExposureGranularity.Day, window.Granularity);
        Assert.Equal(
            [new DateTime(2026, 10, 30, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 10, 31, 0, 0, 0, DateTimeKind.Utc),
             new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc),
             new DateTime(2026, 11, 3, 0, 0, 0, DateTimeKind.Utc)],
            window.Buckets().ToList());
    }

    [Fact]
    public void A_window_that_ends_before_it_starts_has_no_buckets()
    {
        var window = new ExposureWindow(Start, Start.AddSeconds(-1));
        Assert.True(window.IsEmpty);
        Assert.Empty(window.Buckets());
    }
}
