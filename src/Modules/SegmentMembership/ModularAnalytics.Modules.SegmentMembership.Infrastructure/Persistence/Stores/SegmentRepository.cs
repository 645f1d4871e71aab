using Microsoft.EntityFrameworkCore;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Domain.Segments;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence.Stores;

internal sealed class SegmentRepository(SegmentMembershipDbContext db) : ISegmentRepository
{
    public Task<Segment?> FindAsync(int projectId, int segmentId, CancellationToken cancellationToken) =>
        db.Segments.FirstOrDefaultAsync(s => s.Id == segmentId && s.ProjectId == projectId, cancellationToken);

    public async Task<IReadOnlyList<Segment>> ListByProjectAsync(int projectId, CancellationToken cancellationToken) =>
        await db.Segments.AsNoTracking().Where(s => s.ProjectId == projectId).OrderBy(s => s.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<int>> ProjectsWithSegmentsAsync(IReadOnlyCollection<int> projectIds, CancellationToken cancellationToken) =>
        projectIds.Count == 0
            ? []
            : await db.Segments.Where(s => projectIds.Contains(s.ProjectId)).Select(s => s.ProjectId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);

    public void Add(Segment segment) => db.Segments.Add(segment);

    public void Remove(Segment segment) => db.Segments.Remove(segment);
}
