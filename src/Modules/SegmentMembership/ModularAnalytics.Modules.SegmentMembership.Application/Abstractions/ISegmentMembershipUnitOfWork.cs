namespace ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

internal interface ISegmentMembershipUnitOfWork
{
    Task SaveChangesAsync(CancellationToken cancellationToken);
}
