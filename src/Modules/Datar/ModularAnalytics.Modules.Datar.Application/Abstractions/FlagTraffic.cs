namespace ModularAnalytics.Modules.Datar.Application.Abstractions;

public sealed record FlagTraffic(IReadOnlyList<KeyedCount> ByVariant, IReadOnlyList<KeyedCount> BySegment, IReadOnlyList<DayCount> ByDay);
