using ModularAnalytics.BuildingBlocks.Domain;
using ModularAnalytics.Modules.Experimentation.Domain.Experiments;
using ModularAnalytics.Modules.Experimentation.Domain.Exposures;

namespace ModularAnalytics.Experimentation.Tests.Domain;

public sealed class ExperimentExposuresTests
{
    private static readonly DateTime T0 = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private static ExposurePayload Payload(long total) => new(ExposureGranularity.Hour, total, 0, new Dictionary<string, long>(), [],
        new SampleRatioMismatchResult(null, new Dictionary<string, double>(), SampleRatioMismatchResult.NotEnoughTraffic));

    [Fact]
    public void A_failure_keeps_the_last_good_payload()
    {
        var stored = new ExperimentExposures(1);
        var good = Payload(5);
        stored.RecordRefresh(good, T0.AddHours(1), T0.AddHours(1));
        stored.RecordFailure(T0.AddHours(2), "boom");
        Assert.Same(good, stored.Payload);
        Assert.Equal(T0.AddHours(1), stored.AsOf);
        Assert.Equal(T0.AddHours(2), stored.LastErrorAt);
    }

    [Fact]
    public void An_older_refresh_does_not_replace_a_newer_one()
    {
        var stored = new ExperimentExposures(1);
        var newer = Payload(9);
        Assert.True(stored.RecordRefresh(newer, T0.AddHours(3), T0.AddHours(3)));
        Assert.False(stored.RecordRefresh(Payload(1), T0.AddHours(2), T0.AddHours(2)));
        Assert.Same(newer, stored.Payload);
    }

    [Fact]
    public void Final_once_a_refresh_covers_the_end()
    {
        var stored = new ExperimentExposures(1);
        Assert.False(stored.IsFinal(T0));
        stored.RecordRefresh(Payload(1), T0.AddMinutes(-1), T0.AddMinutes(-1));
        Assert.False(stored.IsFinal(T0));
        Assert.False(stored.IsFinal(null));
        stored.RecordRefresh(Payload(1), T0.AddMinutes(5), T0);
        Assert.True(stored.IsFinal(T0));

        // Ended earlier after the fact: the stored payload counted past the new end, so it is not final until recomputed.
        Assert.False(stored.IsFinal(T0.AddMinutes(-30)));
    }

    [Fact]
    public void The_window_ends_at_the_end_or_the_refresh_whichever_is_earlier()
    {
        var experiment = new Experiment(1, "e", "flag", 1, [new("a", 1)], T0, T0.AddDays(1), T0);
        Assert.Equal(new ExposureWindow(T0, T0.AddHours(5)), experiment.WindowAt(T0.AddHours(5)));
        Assert.Equal(new ExposureWindow(T0, T0.AddDays(1)), experiment.WindowAt(T0.AddDays(2)));
        var error = Assert.Throws<DomainException>(() => experiment.SetEnd(T0, T0));
        Assert.Equal("endedAt", error.Field);
    }
}
