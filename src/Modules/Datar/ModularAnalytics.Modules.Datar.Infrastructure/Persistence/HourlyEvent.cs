namespace ModularAnalytics.Modules.Datar.Infrastructure.Persistence;

/// <summary>A row of `datar_hourly_events`: hours and seconds are Unix-epoch integers, so day and window maths is the same SQL on both providers.</summary>
internal sealed class HourlyEvent
{
    public int FlagId { get; set; }

    public long BucketHour { get; set; }

    public int VariantId { get; set; }

    public int SegmentId { get; set; }

    public long EvalCount { get; set; }

    public long LastEvaluatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>Flushes already applied, so that a retried flush is applied at most once.</summary>
internal sealed class AppliedFlush
{
    public Guid FlushId { get; set; }

    public DateTime AppliedAt { get; set; }
}
