namespace ModularAnalytics.Modules.Datar.Application.Abstractions;

/// <summary>The relational table of hourly evaluation counts (`datar_hourly_events`).</summary>
internal interface IHourlyEventStore
{
    /// <summary>
    /// Adds <paramref name="counts"/> to the stored counts in one transaction (an additive UPSERT, so replicas
    /// flushing the same keys stay exact). A flush id already applied is skipped, so a retry after an
    /// ambiguous commit failure cannot count twice. Returns false when it was skipped.
    /// </summary>
    Task<bool> ApplyAsync(Guid flushId, IReadOnlyCollection<HourlyCount> counts, DateTime flushedAtUtc, CancellationToken cancellationToken);
}
