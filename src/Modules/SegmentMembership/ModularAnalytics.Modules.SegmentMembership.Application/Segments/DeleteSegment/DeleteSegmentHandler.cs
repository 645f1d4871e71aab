using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Scheduling;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Application.Common;
using ModularAnalytics.Modules.SegmentMembership.Application.Refresh;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments.DeleteSegment;

internal sealed class DeleteSegmentHandler(
    IMediator mediator,
    ICallerContext caller,
    ISegmentRepository segments,
    IMembershipCountStore counts,
    ISegmentMembershipUnitOfWork unitOfWork,
    ICommandScheduler scheduler,
    SegmentMembershipOptions options) : ICommandHandler<DeleteSegmentCommand>
{
    public async Task<Unit> Handle(DeleteSegmentCommand request, CancellationToken cancellationToken)
    {
        var project = await mediator.GetManagedProjectAsync(caller, request.ProjectId, cancellationToken);
        var segment = await segments.FindAsync(project.Id, request.SegmentId, cancellationToken)
            ?? throw new NotFoundException("Segment", request.SegmentId);
        segments.Remove(segment);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await counts.DeleteSegmentCountsAsync(segment.Id, cancellationToken);
        await scheduler.EnqueueRefreshAsync(project.Id, backfill: false, options.RefreshDelay, cancellationToken);
        return Unit.Value;
    }
}
