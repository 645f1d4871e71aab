using System.Text.Json;
using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Scheduling;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Application.Common;
using ModularAnalytics.Modules.SegmentMembership.Domain.Segments;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments;

internal sealed class CreateSegmentHandler(
    IMediator mediator,
    ICallerContext caller,
    ISegmentRepository segments,
    ISegmentMembershipUnitOfWork unitOfWork,
    ICommandScheduler scheduler,
    SegmentMembershipSettings settings,
    TimeProvider time) : ICommandHandler<CreateSegmentCommand, SegmentDto>
{
    public async Task<SegmentDto> Handle(CreateSegmentCommand request, CancellationToken cancellationToken)
    {
        var project = await mediator.GetManagedProjectAsync(caller, request.ProjectId, cancellationToken);
        var segment = Segment.Create(project.Id, request.Name!, request.Key, request.Description, Compact(request.Rules!.Value), time.UtcNow());
        segments.Add(segment);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await scheduler.EnqueueRefreshAsync(project.Id, backfill: false, settings.RefreshDelay, cancellationToken);
        return SegmentDto.From(segment, []);
    }

    internal static string Compact(JsonElement rules) => JsonSerializer.Serialize(rules);
}

internal sealed class ReplaceSegmentHandler(
    IMediator mediator,
    ICallerContext caller,
    ISegmentRepository segments,
    IMembershipCountStore counts,
    ISegmentMembershipUnitOfWork unitOfWork,
    ICommandScheduler scheduler,
    SegmentMembershipSettings settings,
    TimeProvider time) : ICommandHandler<ReplaceSegmentCommand, SegmentDto>
{
    public async Task<SegmentDto> Handle(ReplaceSegmentCommand request, CancellationToken cancellationToken)
    {
        var project = await mediator.GetManagedProjectAsync(caller, request.ProjectId, cancellationToken);
        var segment = await segments.FindAsync(project.Id, request.SegmentId, cancellationToken)
            ?? throw new NotFoundException("Segment", request.SegmentId);
        var rules = CreateSegmentHandler.Compact(request.Rules!.Value);
        var membershipChanged = rules != segment.RulesJson || request.Key != segment.Key;
        segment.Replace(request.Name!, request.Key, request.Description, rules, time.UtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);

        // Counts of the old rules would be presented as the new rules' counts: drop them until the refresh has run.
        if (membershipChanged)
        {
            await counts.DeleteSegmentCountsAsync(segment.Id, cancellationToken);
        }

        await scheduler.EnqueueRefreshAsync(project.Id, backfill: false, settings.RefreshDelay, cancellationToken);
        return SegmentDto.From(segment, membershipChanged ? [] : await counts.ListBySegmentAsync(segment.Id, cancellationToken));
    }
}

internal sealed class DeleteSegmentHandler(
    IMediator mediator,
    ICallerContext caller,
    ISegmentRepository segments,
    IMembershipCountStore counts,
    ISegmentMembershipUnitOfWork unitOfWork,
    ICommandScheduler scheduler,
    SegmentMembershipSettings settings) : ICommandHandler<DeleteSegmentCommand>
{
    public async Task<Unit> Handle(DeleteSegmentCommand request, CancellationToken cancellationToken)
    {
        var project = await mediator.GetManagedProjectAsync(caller, request.ProjectId, cancellationToken);
        var segment = await segments.FindAsync(project.Id, request.SegmentId, cancellationToken)
            ?? throw new NotFoundException("Segment", request.SegmentId);
        segments.Remove(segment);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await counts.DeleteSegmentCountsAsync(segment.Id, cancellationToken);
        await scheduler.EnqueueRefreshAsync(project.Id, backfill: false, settings.RefreshDelay, cancellationToken);
        return Unit.Value;
    }
}

internal sealed class GetSegmentHandler(IMediator mediator, ICallerContext caller, ISegmentRepository segments, IMembershipCountStore counts)
    : IQueryHandler<GetSegmentQuery, SegmentDto>
{
    public async Task<SegmentDto> Handle(GetSegmentQuery request, CancellationToken cancellationToken)
    {
        var project = await mediator.GetManagedProjectAsync(caller, request.ProjectId, cancellationToken);
        var segment = await segments.FindAsync(project.Id, request.SegmentId, cancellationToken)
            ?? throw new NotFoundException("Segment", request.SegmentId);
        return SegmentDto.From(segment, await counts.ListBySegmentAsync(segment.Id, cancellationToken));
    }
}

internal sealed class ListSegmentsHandler(IMediator mediator, ICallerContext caller, ISegmentRepository segments, IMembershipCountStore counts)
    : IQueryHandler<ListSegmentsQuery, IReadOnlyList<SegmentDto>>
{
    public async Task<IReadOnlyList<SegmentDto>> Handle(ListSegmentsQuery request, CancellationToken cancellationToken)
    {
        var project = await mediator.GetManagedProjectAsync(caller, request.ProjectId, cancellationToken);
        var list = await segments.ListByProjectAsync(project.Id, cancellationToken);
        var bySegment = (await counts.ListByProjectAsync(project.Id, cancellationToken)).ToLookup(c => c.SegmentId);
        return [.. list.Select(s => SegmentDto.From(s, bySegment[s.Id]))];
    }
}
