namespace ModularAnalytics.Modules.Experimentation.Domain.Exposures;

/// <summary>
/// The stored exposures of one experiment, one row updated in place by every refresh. A failure or a skipped run is
/// recorded beside the last good payload and never replaces it.
/// </summary>
public sealed class ExperimentExposures
{
    public const int MaxMessageLength = 2000;

    private ExperimentExposures()
    {
    }

    public ExperimentExposures(int experimentId)
    {
        ExperimentId = experimentId;
    }

    public int ExperimentId { get; private set; }

    /// <summary>The end of the window the payload covers; null until the first successful refresh.</summary>
    public DateTime? AsOf { get; private set; }

    /// <summary>Where the payload's window ended: <see cref="AsOf"/>, or the experiment's end when that was earlier.</summary>
    public DateTime? WindowEnd { get; private set; }

    public ExposurePayload? Payload { get; private set; }

    public DateTime? LastErrorAt { get; private set; }

    public string? LastError { get; private set; }

    public DateTime? LastSkippedAt { get; private set; }

    public string? LastSkipReason { get; private set; }

    /// <summary>Stores a payload unless a refresh that started later has already stored one.</summary>
    public bool RecordRefresh(ExposurePayload payload, DateTime asOf, DateTime windowEnd)
    {
        if (AsOf is { } current && current > asOf)
        {
            return false;
        }

        Payload = payload;
        AsOf = asOf;
        WindowEnd = windowEnd;
        return true;
    }

    public void RecordFailure(DateTime at, string error)
    {
        LastErrorAt = at;
        LastError = Truncate(error);
    }

    public void RecordSkipped(DateTime at, string reason)
    {
        LastSkippedAt = at;
        LastSkipReason = Truncate(reason);
    }

    /// <summary>
    /// Whether a refresh has covered the whole window of an experiment that ended at <paramref name="endedAt"/>: one that
    /// ran at or after the end and counted up to that very end (an end moved since then needs a new refresh).
    /// </summary>
    public bool IsFinal(DateTime? endedAt) => endedAt is { } end && AsOf is { } asOf && asOf >= end && WindowEnd == end;

    private static string Truncate(string text) => text.Length > MaxMessageLength ? text[..MaxMessageLength] : text;
}
