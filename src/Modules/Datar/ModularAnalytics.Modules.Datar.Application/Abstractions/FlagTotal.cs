namespace ModularAnalytics.Modules.Datar.Application.Abstractions;

internal sealed record FlagTotal(int FlagId, long Count, long LastEvaluatedUnixSeconds);
