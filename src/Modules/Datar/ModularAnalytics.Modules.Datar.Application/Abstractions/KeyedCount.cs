namespace ModularAnalytics.Modules.Datar.Application.Abstractions;

internal sealed record KeyedCount(int Id, long Count);
