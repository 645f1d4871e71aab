using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments.ListSegments;

internal sealed class ListSegmentsHandler(IMediator mediator, ICallerContext caller, ISegmentRepository segments, SegmentViews views)
    : IQueryHandler<ListSegmentsQuery, IReadOnlyList<SegmentDto>>
{
    public async Task<IReadOnlyList<SegmentDto>> Handle(ListSegmentsQuery request, CancellationToken cancellationToken)
    {
        var project = await mediator.GetManagedProjectAsync(caller, request.ProjectId, cancellationToken);
        var list = await segments.ListByProjectAsync(project.Id, cancellationToken);
        return await views.AllAsync(project, list, cancellationToken);
    }
}
