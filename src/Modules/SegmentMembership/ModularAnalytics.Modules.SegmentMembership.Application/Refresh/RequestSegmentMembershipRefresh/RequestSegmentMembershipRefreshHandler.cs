using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Scheduling;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.SegmentMembership.Application.Common;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Refresh.RequestSegmentMembershipRefresh;

internal sealed class RequestSegmentMembershipRefreshHandler(IMediator mediator, ICallerContext caller, ICommandScheduler scheduler)
    : ICommandHandler<RequestSegmentMembershipRefreshCommand>
{
    public async Task<Unit> Handle(RequestSegmentMembershipRefreshCommand request, CancellationToken cancellationToken)
    {
        var project = await mediator.GetManagedProjectAsync(caller, request.ProjectId, cancellationToken);
        await scheduler.EnqueueRefreshAsync(project.Id, backfill: true, TimeSpan.Zero, cancellationToken);
        return Unit.Value;
    }
}
