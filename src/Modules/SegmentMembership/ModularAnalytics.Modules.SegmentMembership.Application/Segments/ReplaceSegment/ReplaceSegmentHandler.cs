using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Scheduling;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Application.Common;
using ModularAnalytics.Modules.SegmentMembership.Application.Refresh;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments.ReplaceSegment;

internal sealed class ReplaceSegmentHandler(
    IMediator mediator,
    ICallerContext caller,
    ISegmentRepository segments,
    IMembershipCountStore counts,
    ISegmentMembershipUnitOfWork unitOfWork,
    ICommandScheduler scheduler,
    SegmentMembershipOptions options,
    SegmentViews views,
    IRegexEngineCheck regexEngine,
    TimeProvider time) : ICommandHandler<ReplaceSegmentCommand, SegmentDto>
{
    public async Task<SegmentDto> Handle(ReplaceSegmentCommand request, CancellationToken cancellationToken)
    {
        var project = await mediator.GetManagedProjectAsync(caller, request.ProjectId, cancellationToken);
        var segment = await segments.FindAsync(project.Id, request.SegmentId, cancellationToken)
            ?? throw new NotFoundException("Segment", request.SegmentId);
        var rules = SegmentRulesInput.Compact(request.Rules!.Value);
        await SegmentRulesInput.CheckPatternsWithEngineAsync(regexEngine, rules, cancellationToken);
        var membershipChanged = rules != segment.RulesJson || request.Key != segment.Key;
        segment.Replace(request.Name!, request.Key, request.Description, rules, time.UtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);

        // Counts of the old rules would be presented as the new rules' counts: drop them until the refresh has run.
        if (membershipChanged)
        {
            await counts.DeleteSegmentCountsAsync(segment.Id, cancellationToken);
        }

        await scheduler.EnqueueRefreshAsync(project.Id, backfill: false, options.RefreshDelay, cancellationToken);
        return await views.OneAsync(project, segment, cancellationToken);
    }
}
