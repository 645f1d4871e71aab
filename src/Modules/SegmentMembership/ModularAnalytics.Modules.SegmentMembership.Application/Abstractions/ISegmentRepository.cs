using ModularAnalytics.Modules.SegmentMembership.Domain.Segments;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

internal interface ISegmentRepository
{
    Task<Segment?> FindAsync(int projectId, int segmentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Segment>> ListByProjectAsync(int projectId, CancellationToken cancellationToken);

    /// <summary>Of the given projects, those with at least one segment.</summary>
    Task<IReadOnlyList<int>> ProjectsWithSegmentsAsync(IReadOnlyCollection<int> projectIds, CancellationToken cancellationToken);

    void Add(Segment segment);

    void Remove(Segment segment);
}
