namespace ModularAnalytics.Modules.Datar.Application.Abstractions;

/// <param name="Day">Whole days since the Unix epoch, UTC.</param>
internal sealed record DayCount(long Day, long Count);
