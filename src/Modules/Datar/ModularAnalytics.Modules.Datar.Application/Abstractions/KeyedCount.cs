namespace ModularAnalytics.Modules.Datar.Application.Abstractions;

public sealed record KeyedCount(int Id, long Count);
