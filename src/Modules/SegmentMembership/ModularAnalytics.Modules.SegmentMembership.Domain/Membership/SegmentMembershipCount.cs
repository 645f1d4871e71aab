namespace ModularAnalytics.Modules.SegmentMembership.Domain.Membership;

/// <summary>How many identities of one environment a segment matched at <see cref="LastSyncedAt"/>.</summary>
public sealed class SegmentMembershipCount
{
    private SegmentMembershipCount()
    {
    }

    public SegmentMembershipCount(int projectId, int segmentId, int environmentId, long count, DateTime lastSyncedAt)
    {
        ProjectId = projectId;
        SegmentId = segmentId;
        EnvironmentId = environmentId;
        Count = count;
        LastSyncedAt = lastSyncedAt;
    }

    public int ProjectId { get; private set; }

    public int SegmentId { get; private set; }

    public int EnvironmentId { get; private set; }

    public long Count { get; private set; }

    public DateTime LastSyncedAt { get; private set; }
}
