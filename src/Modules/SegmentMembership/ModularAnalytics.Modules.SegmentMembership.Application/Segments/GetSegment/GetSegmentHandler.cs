using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments.GetSegment;

internal sealed class GetSegmentHandler(IMediator mediator, ICallerContext caller, ISegmentRepository segments, SegmentViews views)
    : IQueryHandler<GetSegmentQuery, SegmentDto>
{
    public async Task<SegmentDto> Handle(GetSegmentQuery request, CancellationToken cancellationToken)
    {
        var project = await mediator.GetManagedProjectAsync(caller, request.ProjectId, cancellationToken);
        var segment = await segments.FindAsync(project.Id, request.SegmentId, cancellationToken)
            ?? throw new NotFoundException("Segment", request.SegmentId);
        return await views.OneAsync(project, segment, cancellationToken);
    }
}
