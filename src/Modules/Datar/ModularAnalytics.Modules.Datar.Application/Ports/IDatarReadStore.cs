namespace ModularAnalytics.Modules.Datar.Application.Ports;

public sealed record FlagTotal(int FlagId, long Count, long LastEvaluatedUnixSeconds);

public sealed record KeyedCount(int Id, long Count);

/// <param name="Day">Whole days since the Unix epoch, UTC.</param>
public sealed record DayCount(long Day, long Count);

public sealed record FlagTraffic(IReadOnlyList<KeyedCount> ByVariant, IReadOnlyList<KeyedCount> BySegment, IReadOnlyList<DayCount> ByDay);

/// <summary>Summaries over `datar_hourly_events`, computed in SQL. Hours are Unix-epoch hours, [from, to).</summary>
public interface IDatarReadStore
{
    /// <summary>Flags with traffic in the window, by count descending (then flag id), paginated.</summary>
    Task<IReadOnlyList<FlagTotal>> GetFlagTotalsAsync(IReadOnlyCollection<int> flagIds, long fromHour, long toHour, int limit, int offset, CancellationToken cancellationToken);

    /// <summary>
    /// Traffic of one flag by variant and by segment (count descending; segment 0 left out; only the
    /// <paramref name="segmentLimit"/> busiest segments) and by UTC day (ascending).
    /// </summary>
    Task<FlagTraffic> GetFlagTrafficAsync(int flagId, long fromHour, long toHour, int segmentLimit, CancellationToken cancellationToken);
}
