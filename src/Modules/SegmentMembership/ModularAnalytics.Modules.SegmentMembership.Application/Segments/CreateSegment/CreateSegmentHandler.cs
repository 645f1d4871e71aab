using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Scheduling;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Application.Common;
using ModularAnalytics.Modules.SegmentMembership.Application.Refresh;
using ModularAnalytics.Modules.SegmentMembership.Domain.Segments;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments.CreateSegment;

internal sealed class CreateSegmentHandler(
    IMediator mediator,
    ICallerContext caller,
    ISegmentRepository segments,
    ISegmentMembershipUnitOfWork unitOfWork,
    ICommandScheduler scheduler,
    SegmentMembershipOptions options,
    SegmentViews views,
    IRegexEngineCheck regexEngine,
    TimeProvider time) : ICommandHandler<CreateSegmentCommand, SegmentDto>
{
    public async Task<SegmentDto> Handle(CreateSegmentCommand request, CancellationToken cancellationToken)
    {
        var project = await mediator.GetManagedProjectAsync(caller, request.ProjectId, cancellationToken);
        var rules = SegmentRulesInput.Compact(request.Rules!.Value);
        await SegmentRulesInput.CheckPatternsWithEngineAsync(regexEngine, rules, cancellationToken);
        var segment = Segment.Create(project.Id, request.Name!, request.Key, request.Description, rules, time.UtcNow());
        segments.Add(segment);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await scheduler.EnqueueRefreshAsync(project.Id, backfill: false, options.RefreshDelay, cancellationToken);
        return await views.OneAsync(project, segment, cancellationToken);
    }
}
