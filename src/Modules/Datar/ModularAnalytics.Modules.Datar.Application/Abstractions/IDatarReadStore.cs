namespace ModularAnalytics.Modules.Datar.Application.Abstractions;

/// <summary>Summaries over `datar_hourly_events`, computed in SQL. Hours are Unix-epoch hours, [from, to).</summary>
internal interface IDatarReadStore
{
    /// <summary>Flags with traffic in the window, by count descending (then flag id), paginated.</summary>
    Task<IReadOnlyList<FlagTotal>> GetFlagTotalsAsync(IReadOnlyCollection<int> flagIds, long fromHour, long toHour, int limit, int offset, CancellationToken cancellationToken);

    /// <summary>
    /// Traffic of one flag by variant and by segment (count descending; segment 0 left out; only the
    /// <paramref name="segmentLimit"/> busiest segments) and by UTC day (ascending).
    /// </summary>
    Task<FlagTraffic> GetFlagTrafficAsync(int flagId, long fromHour, long toHour, int segmentLimit, CancellationToken cancellationToken);
}
