namespace ModularAnalytics.Modules.Datar.Application.Ports;

/// <summary>A record of the <see cref="IEvaluationLog"/>.</summary>
public abstract record LogRecord(long Sequence);

/// <summary>An accepted batch's deltas, one per (flag, hour, variant, segment).</summary>
public sealed record LoggedBatch(long Sequence, IReadOnlyList<HourlyCount> Deltas) : LogRecord(Sequence);

/// <summary>A flush about to store every batch up to and including <paramref name="CoversThrough"/> not claimed by an earlier flush.</summary>
public sealed record LoggedFlush(long Sequence, Guid FlushId, long CoversThrough) : LogRecord(Sequence);
