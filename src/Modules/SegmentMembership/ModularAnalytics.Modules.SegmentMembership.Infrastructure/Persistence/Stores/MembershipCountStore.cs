using Microsoft.EntityFrameworkCore;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Domain.Membership;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence.Stores;

internal sealed class MembershipCountStore(SegmentMembershipDbContext db) : IMembershipCountStore
{
    public async Task<IReadOnlyList<SegmentMembershipCount>> ListByProjectAsync(int projectId, CancellationToken cancellationToken) =>
        await db.MembershipCounts.AsNoTracking().Where(c => c.ProjectId == projectId).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<SegmentMembershipCount>> ListBySegmentAsync(int segmentId, CancellationToken cancellationToken) =>
        await db.MembershipCounts.AsNoTracking().Where(c => c.SegmentId == segmentId).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<SegmentCountFailure>> ListFailuresByProjectAsync(int projectId, CancellationToken cancellationToken) =>
        await db.CountFailures.AsNoTracking().Where(f => f.ProjectId == projectId).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<SegmentCountFailure>> ListFailuresBySegmentAsync(int segmentId, CancellationToken cancellationToken) =>
        await db.CountFailures.AsNoTracking().Where(f => f.SegmentId == segmentId).ToListAsync(cancellationToken);

    public async Task ReplaceProjectCountsAsync(int projectId, IReadOnlyList<SegmentMembershipCount> counts, IReadOnlyList<SegmentCountFailure> failures, DateTime syncedAt, CancellationToken cancellationToken)
    {
        await db.EnsureRefreshStateRowAsync(projectId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Two refreshes of a project can overlap (with and without backfill): the snapshot that started counting last
        // wins, whichever commits last. The conditional update also locks the state row until commit.
        var newer = await db.RefreshStates
            .Where(s => s.ProjectId == projectId && (s.LastSucceededAt == null || s.LastSucceededAt < syncedAt))
            .ExecuteUpdateAsync(
                u => u.SetProperty(s => s.LastSucceededAt, (DateTime?)syncedAt).SetProperty(s => s.LastAttemptAt, (DateTime?)syncedAt).SetProperty(s => s.LastOutcome, RefreshOutcome.Succeeded),
                cancellationToken);
        if (newer == 0)
        {
            return;
        }

        // A pair that failed this time keeps its last good count.
        var failed = failures.Select(f => (f.SegmentId, f.EnvironmentId)).ToHashSet();
        var kept = (await db.MembershipCounts.AsNoTracking().Where(c => c.ProjectId == projectId).ToListAsync(cancellationToken))
            .Where(c => failed.Contains((c.SegmentId, c.EnvironmentId)))
            .ToList();
        await db.MembershipCounts.Where(c => c.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken);
        await db.CountFailures.Where(f => f.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken);

        // A segment deleted while it was being counted must not come back as counts.
        var live = (await db.Segments.Where(s => s.ProjectId == projectId).Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
        db.MembershipCounts.AddRange(counts.Concat(kept).Where(c => live.Contains(c.SegmentId)));
        db.CountFailures.AddRange(failures.Where(f => live.Contains(f.SegmentId)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    public async Task DeleteSegmentCountsAsync(int segmentId, CancellationToken cancellationToken)
    {
        await db.MembershipCounts.Where(c => c.SegmentId == segmentId).ExecuteDeleteAsync(cancellationToken);
        await db.CountFailures.Where(f => f.SegmentId == segmentId).ExecuteDeleteAsync(cancellationToken);
    }
}
