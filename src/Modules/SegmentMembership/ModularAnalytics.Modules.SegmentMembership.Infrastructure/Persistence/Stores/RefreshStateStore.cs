using Microsoft.EntityFrameworkCore;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Domain.Membership;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence.Stores;

internal sealed class RefreshStateStore(SegmentMembershipDbContext db) : IRefreshStateStore
{
    public async Task RecordAsync(int projectId, Action<ProjectRefreshState> change, CancellationToken cancellationToken)
    {
        await db.EnsureRefreshStateRowAsync(projectId, cancellationToken);
        var state = await db.RefreshStates.FirstAsync(s => s.ProjectId == projectId, cancellationToken);
        change(state);
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<ProjectRefreshState?> FindAsync(int projectId, CancellationToken cancellationToken) =>
        db.RefreshStates.AsNoTracking().FirstOrDefaultAsync(s => s.ProjectId == projectId, cancellationToken);
}
