using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence.Stores;

internal sealed class SegmentMembershipUnitOfWork(SegmentMembershipDbContext db) : ISegmentMembershipUnitOfWork
{
    public Task SaveChangesAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
