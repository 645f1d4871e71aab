namespace ModularAnalytics.Modules.Datar.Application.Abstractions;

internal sealed record FlagTraffic(IReadOnlyList<KeyedCount> ByVariant, IReadOnlyList<KeyedCount> BySegment, IReadOnlyList<DayCount> ByDay);
