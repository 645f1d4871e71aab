using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Scheduling;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Refresh.RequestSegmentMembershipRefresh;

internal sealed class RequestSegmentMembershipRefreshHandler(IMediator mediator, ICallerContext caller, ICommandScheduler scheduler)
    : ICommandHandler<RequestSegmentMembershipRefreshCommand>
{
    public async Task<Unit> Handle(RequestSegmentMembershipRefreshCommand request, CancellationToken cancellationToken)
    {
        var project = await mediator.GetManagedProjectAsync(caller, request.ProjectId, cancellationToken);
        if (!await mediator.Send(new GetSegmentMembershipInspectionQuery(project.OrganisationId), cancellationToken))
        {
            throw new ConflictException(SegmentViews.InspectionOff(project.OrganisationId));
        }

        await scheduler.EnqueueRefreshAsync(project.Id, backfill: true, TimeSpan.Zero, cancellationToken);
        return Unit.Value;
    }
}
