namespace ModularAnalytics.Modules.Datar.Application.Abstractions;

/// <summary>A flush about to store every batch up to and including <paramref name="CoversThrough"/> not claimed by an earlier flush.</summary>
internal sealed record LoggedFlush(long Sequence, Guid FlushId, long CoversThrough) : LogRecord(Sequence);
