namespace ModularAnalytics.Modules.Datar.Application.Abstractions;

/// <summary>An accepted batch's deltas, one per (flag, hour, variant, segment).</summary>
public sealed record LoggedBatch(long Sequence, IReadOnlyList<HourlyCount> Deltas) : LogRecord(Sequence);
