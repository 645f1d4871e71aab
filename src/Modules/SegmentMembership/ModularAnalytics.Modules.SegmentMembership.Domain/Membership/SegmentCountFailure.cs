namespace ModularAnalytics.Modules.SegmentMembership.Domain.Membership;

/// <summary>
/// The last refresh could not count one segment in one environment; that pair keeps its last good count. Written
/// with the counts of the same refresh, so it describes the newest snapshot.
/// </summary>
public sealed class SegmentCountFailure
{
    public const int MaxErrorLength = ProjectRefreshState.MaxErrorLength;

    private SegmentCountFailure()
    {
    }

    public SegmentCountFailure(int projectId, int segmentId, int environmentId, DateTime failedAt, string error)
    {
        ProjectId = projectId;
        SegmentId = segmentId;
        EnvironmentId = environmentId;
        FailedAt = failedAt;
        Error = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
    }

    public int ProjectId { get; private set; }

    public int SegmentId { get; private set; }

    public int EnvironmentId { get; private set; }

    public DateTime FailedAt { get; private set; }

    public string Error { get; private set; } = string.Empty;
}
