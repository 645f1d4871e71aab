namespace ModularAnalytics.Modules.Experimentation.Domain.Exposures;

/// <summary>
/// The exposures a refresh counts: timestamps from <see cref="Start"/> to <see cref="End"/>, both included, UTC.
/// A window that ends before it starts (an experiment that has not started yet) holds nothing.
/// </summary>
public readonly record struct ExposureWindow(DateTime Start, DateTime End)
{
    public static readonly TimeSpan MaxHourlyLength = TimeSpan.FromHours(72);

    public bool IsEmpty => End < Start;

    /// <summary>Hourly buckets while the window is at most 72 hours long, daily beyond.</summary>
    public ExposureGranularity Granularity => End - Start <= MaxHourlyLength ? ExposureGranularity.Hour : ExposureGranularity.Day;

    public static DateTime BucketOf(DateTime timestamp, ExposureGranularity granularity)
    {
        var utc = timestamp.Kind == DateTimeKind.Utc ? timestamp : DateTime.SpecifyKind(timestamp, DateTimeKind.Utc);
        var unit = granularity == ExposureGranularity.Hour ? TimeSpan.TicksPerHour : TimeSpan.TicksPerDay;
        return new DateTime(utc.Ticks - (utc.Ticks % unit), DateTimeKind.Utc);
    }

    public static DateTime NextBucket(DateTime bucket, ExposureGranularity granularity) =>
        granularity == ExposureGranularity.Hour ? bucket.AddHours(1) : bucket.AddDays(1);

    /// <summary>Every bucket from the one holding the start to the one holding the end, in order, with no gaps.</summary>
    public IEnumerable<DateTime> Buckets()
    {
        if (IsEmpty)
        {
            yield break;
        }

        var granularity = Granularity;
        var last = BucketOf(End, granularity);
        for (var bucket = BucketOf(Start, granularity); bucket <= last; bucket = NextBucket(bucket, granularity))
        {
            yield return bucket;
        }
    }
}
