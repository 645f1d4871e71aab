using ModularAnalytics.Modules.SegmentMembership.Domain.Membership;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

internal interface IMembershipCountStore
{
    /// <summary>Every count of the project's segments, in one query.</summary>
    Task<IReadOnlyList<SegmentMembershipCount>> ListByProjectAsync(int projectId, CancellationToken cancellationToken);

    Task<IReadOnlyList<SegmentMembershipCount>> ListBySegmentAsync(int segmentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<SegmentCountFailure>> ListFailuresByProjectAsync(int projectId, CancellationToken cancellationToken);

    Task<IReadOnlyList<SegmentCountFailure>> ListFailuresBySegmentAsync(int segmentId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the project's counts and count failures with this refresh's in one transaction, keeping only segments
    /// that still exist, and records the success in the project's refresh state. A (segment, environment) pair in
    /// <paramref name="failures"/> keeps its previous count; any other pair not in <paramref name="counts"/> is removed.
    /// </summary>
    Task ReplaceProjectCountsAsync(int projectId, IReadOnlyList<SegmentMembershipCount> counts, IReadOnlyList<SegmentCountFailure> failures, DateTime syncedAt, CancellationToken cancellationToken);

    /// <summary>Removes the segment's counts and count failures (its rules changed or it was deleted).</summary>
    Task DeleteSegmentCountsAsync(int segmentId, CancellationToken cancellationToken);
}
