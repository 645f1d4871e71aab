namespace ModularAnalytics.Modules.Datar.Application.Abstractions;

public sealed record FlagTotal(int FlagId, long Count, long LastEvaluatedUnixSeconds);
