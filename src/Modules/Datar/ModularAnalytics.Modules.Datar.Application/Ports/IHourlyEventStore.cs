namespace ModularAnalytics.Modules.Datar.Application.Ports;

/// <summary>Evaluations of one (flag, hour, variant, segment), as one flush adds them to the store.</summary>
/// <param name="HourBucket">Whole hours since the Unix epoch, UTC.</param>
public sealed record HourlyCount(int FlagId, long HourBucket, int VariantId, int SegmentId, long Count, long LastSeenUnixSeconds);

/// <summary>The relational table of hourly evaluation counts (`datar_hourly_events`).</summary>
public interface IHourlyEventStore
{
    /// <summary>
    /// Adds <paramref name="counts"/> to the stored counts in one transaction (an additive UPSERT, so replicas
    /// flushing the same keys stay exact). A flush id already applied is skipped, so a retry after an
    /// ambiguous commit failure cannot count twice. Returns false when it was skipped.
    /// </summary>
    Task<bool> ApplyAsync(Guid flushId, IReadOnlyCollection<HourlyCount> counts, DateTime flushedAtUtc, CancellationToken cancellationToken);
}
