namespace ModularAnalytics.Modules.Datar.Application.Abstractions;

/// <summary>
/// This replica's local write-ahead log of accepted batches (their aggregated deltas) and of the flushes that
/// store them. Sequence numbers rise across restarts; a flush record claims every batch up to its
/// <see cref="LoggedFlush.CoversThrough"/>, so replay can tell what a committed flush already holds.
/// </summary>
internal interface IEvaluationLog
{
    /// <summary>The highest sequence number handed out (0 before the first record).</summary>
    long LastSequence { get; }

    /// <summary>What the log held when this process started (a torn tail left out); empty after the first call.</summary>
    IReadOnlyList<LogRecord> TakeRecovered();

    /// <summary>Queues a batch's deltas in memory and returns its sequence number; durable once <see cref="WaitDurableAsync"/> completes.</summary>
    /// <exception cref="IOException">The log can no longer be written.</exception>
    long Append(IReadOnlyList<HourlyCount> deltas);

    /// <summary>Completes once every record up to <paramref name="sequence"/> is on disk (group commit: one fsync for all waiting).</summary>
    Task WaitDurableAsync(long sequence, CancellationToken cancellationToken);

    /// <summary>Writes a flush's claim on batches through <paramref name="coversThrough"/>, durably; returns the claim's own sequence number.</summary>
    Task<long> AppendFlushAsync(Guid flushId, long coversThrough, CancellationToken cancellationToken);

    /// <summary>Sends what is appended from now on to a new file, so that files holding only stored batches can go.</summary>
    void Rotate();

    /// <summary>Deletes the closed files whose records all come before <paramref name="sequence"/> (their batches are stored).</summary>
    void ReleaseBefore(long sequence);
}
