using MediatR;
using Microsoft.Extensions.Logging;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Scheduling;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Application.Common;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Refresh.RunSegmentMembershipBackfill;

internal sealed class RunSegmentMembershipBackfillHandler(
    IMediator mediator,
    ISegmentRepository segments,
    IRefreshStateStore states,
    ISegmentWarehouse warehouse,
    ProjectBackfill backfill,
    ICommandScheduler scheduler,
    TimeProvider time,
    ILogger<RunSegmentMembershipBackfillHandler> logger) : ICommandHandler<RunSegmentMembershipBackfillCommand>
{
    public async Task<Unit> Handle(RunSegmentMembershipBackfillCommand request, CancellationToken cancellationToken)
    {
        if (!warehouse.IsEnabled)
        {
            logger.LogInformation("Segment membership backfill skipped: the warehouse is disabled ({Reason})", warehouse.DisabledReason);
            return Unit.Value;
        }

        var runStartedAt = time.UtcNow();
        var organisations = await mediator.Send(new GetSegmentMembershipInspectionOrganisationsQuery(), cancellationToken);
        foreach (var organisationId in organisations)
        {
            var projects = await mediator.Send(new GetOrganisationProjectsQuery(organisationId), cancellationToken);
            var withSegments = await segments.ProjectsWithSegmentsAsync([.. projects.Select(p => p.Id)], cancellationToken);
            foreach (var projectId in withSegments)
            {
                try
                {
                    var environments = await mediator.GetEnvironmentsAsync(projectId, cancellationToken);
                    await backfill.RunAsync(organisationId, projectId, environments, runStartedAt, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Segment membership backfill of project {ProjectId} failed; its counts are kept", projectId);
                    await states.RecordAsync(projectId, s => s.Failed(time.UtcNow(), "backfill: " + ex.GetType().Name + ": " + ex.Message), CancellationToken.None);
                    continue;
                }

                // Fan-out: each project is recounted as soon as its own identities are in, not after the whole run.
                await scheduler.EnqueueRefreshAsync(projectId, backfill: false, TimeSpan.Zero, cancellationToken);
            }
        }

        logger.LogInformation("Segment membership backfill done for {Organisations} organisations", organisations.Count);
        return Unit.Value;
    }
}
