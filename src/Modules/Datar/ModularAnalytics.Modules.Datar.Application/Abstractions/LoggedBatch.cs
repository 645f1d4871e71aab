namespace ModularAnalytics.Modules.Datar.Application.Abstractions;

/// <summary>An accepted batch's deltas, one per (flag, hour, variant, segment).</summary>
internal sealed record LoggedBatch(long Sequence, IReadOnlyList<HourlyCount> Deltas) : LogRecord(Sequence);
