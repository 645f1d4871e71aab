using ModularAnalytics.Modules.SegmentMembership.Domain.Membership;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

internal interface IRefreshStateStore
{
    Task RecordAsync(int projectId, Action<ProjectRefreshState> change, CancellationToken cancellationToken);

    Task<ProjectRefreshState?> FindAsync(int projectId, CancellationToken cancellationToken);
}
