namespace ModularAnalytics.Modules.SegmentMembership.Domain.Membership;

public static class RefreshOutcome
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>Nothing was counted: the organisation's switch is off or the warehouse is disabled.</summary>
    public const string Skipped = "skipped";
}

/// <summary>
/// The last refresh of a project's counts; a failure leaves the counts alone and is recorded here. Success is
/// written by the count store together with the counts (a conditional update: the newest snapshot wins).
/// </summary>
public sealed class ProjectRefreshState
{
    public const int MaxErrorLength = 2000;

    private ProjectRefreshState()
    {
    }

    public ProjectRefreshState(int projectId)
    {
        ProjectId = projectId;
    }

    public int ProjectId { get; private set; }

    public DateTime? LastAttemptAt { get; private set; }

    public string? LastOutcome { get; private set; }

    public DateTime? LastSucceededAt { get; private set; }

    public DateTime? LastErrorAt { get; private set; }

    public string? LastError { get; private set; }

    public void Failed(DateTime at, string error)
    {
        LastAttemptAt = at;
        LastOutcome = RefreshOutcome.Failed;
        LastErrorAt = at;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
    }

    public void Skipped(DateTime at)
    {
        LastAttemptAt = at;
        LastOutcome = RefreshOutcome.Skipped;
    }
}
