namespace ModularAnalytics.Datar.Tests.Support;

/// <summary>
/// A clock the test sets. Only "now" is controlled: timers (the flush service's PeriodicTimer) still run on real
/// time through the base class, which is what the tests want.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _utcTicks, now.UtcTicks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
