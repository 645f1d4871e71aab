using MediatR;
using Microsoft.Extensions.Logging;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Scheduling;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Application.Common;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments;
using ModularAnalytics.Modules.SegmentMembership.Domain.Membership;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Refresh;

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

internal sealed class RefreshProjectSegmentMembershipHandler(
    IMediator mediator,
    ISegmentRepository segments,
    IMembershipCountStore counts,
    IRefreshStateStore states,
    ISegmentWarehouse warehouse,
    ProjectBackfill backfill,
    SegmentMembershipSettings settings,
    TimeProvider time,
    ILogger<RefreshProjectSegmentMembershipHandler> logger) : ICommandHandler<RefreshProjectSegmentMembershipCommand>
{
    public async Task<Unit> Handle(RefreshProjectSegmentMembershipCommand request, CancellationToken cancellationToken)
    {
        var project = await mediator.Send(new GetProjectQuery(request.ProjectId), cancellationToken);
        if (project is null)
        {
            logger.LogInformation("Segment membership refresh of project {ProjectId} skipped: the project no longer exists", request.ProjectId);
            return Unit.Value;
        }

        var startedAt = time.UtcNow();
        if (!warehouse.IsEnabled)
        {
            logger.LogInformation("Segment membership refresh of project {ProjectId} skipped: the warehouse is disabled ({Reason})", project.Id, warehouse.DisabledReason);
            await states.RecordAsync(project.Id, s => s.Skipped(startedAt), cancellationToken);
            return Unit.Value;
        }

        if (!await mediator.Send(new GetSegmentMembershipInspectionQuery(project.OrganisationId), cancellationToken))
        {
            logger.LogInformation("Segment membership refresh of project {ProjectId} skipped: segment membership inspection is off for organisation {OrganisationId}",
                project.Id, project.OrganisationId);
            await states.RecordAsync(project.Id, s => s.Skipped(startedAt), cancellationToken);
            return Unit.Value;
        }

        try
        {
            var environments = await mediator.GetEnvironmentsAsync(project.Id, cancellationToken);
            if (request.Backfill)
            {
                await backfill.RunAsync(project.OrganisationId, project.Id, environments, startedAt, cancellationToken);
            }

            var definitions = (await segments.ListByProjectAsync(project.Id, cancellationToken))
                .Select(s => new SegmentDefinition(s.Id, s.EffectiveKey, SegmentRulesInput.ParseStored(s.RulesJson)))
                .ToList();
            var work = new WarehouseWork(WarehouseWork.Refresh, project.OrganisationId, project.Id);
            var syncedAt = time.UtcNow();
            var result = new List<SegmentMembershipCount>(definitions.Count * environments.Count);
            foreach (var environment in environments)
            {
                var byId = definitions.Count == 0
                    ? new Dictionary<int, long>()
                    : await warehouse.CountAsync(environment, definitions, work, settings.RefreshTimeout, cancellationToken);
                result.AddRange(definitions.Select(d => new SegmentMembershipCount(project.Id, d.Id, environment.Id, byId.GetValueOrDefault(d.Id), syncedAt)));
            }

            await counts.ReplaceProjectCountsAsync(project.Id, result, syncedAt, cancellationToken);
            logger.LogInformation("Segment membership refresh of project {ProjectId}: {Segments} segments counted in {Environments} environments",
                project.Id, definitions.Count, environments.Count);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The last good counts stay; the failure is recorded for the project instead of failing the job again later.
            logger.LogError(ex, "Segment membership refresh of project {ProjectId} failed; the last counts are kept", project.Id);
            await states.RecordAsync(project.Id, s => s.Failed(time.UtcNow(), ex.GetType().Name + ": " + ex.Message), CancellationToken.None);
        }

        return Unit.Value;
    }
}

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
