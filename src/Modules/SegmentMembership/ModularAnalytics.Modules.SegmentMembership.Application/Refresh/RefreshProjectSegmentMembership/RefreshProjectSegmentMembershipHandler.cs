using MediatR;
using Microsoft.Extensions.Logging;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Application.Common;
using ModularAnalytics.Modules.SegmentMembership.Domain.Membership;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Refresh.RefreshProjectSegmentMembership;

internal sealed class RefreshProjectSegmentMembershipHandler(
    IMediator mediator,
    ISegmentRepository segments,
    IMembershipCountStore counts,
    IRefreshStateStore states,
    ISegmentWarehouse warehouse,
    ProjectBackfill backfill,
    SegmentMembershipOptions options,
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
                .Select(SegmentDefinition.From)
                .ToList();
            var work = new WarehouseWork(WarehouseWork.Refresh, project.OrganisationId, project.Id);
            var syncedAt = time.UtcNow();
            var result = new List<SegmentMembershipCount>(definitions.Count * environments.Count);
            var failures = new List<SegmentCountFailure>();
            foreach (var environment in environments)
            {
                var counted = definitions.Count == 0
                    ? new SegmentCounts(new Dictionary<int, long>(), new Dictionary<int, string>())
                    : await warehouse.CountAsync(environment, definitions, work, options.RefreshTimeout, cancellationToken);
                result.AddRange(definitions.Where(d => !counted.Failures.ContainsKey(d.Id))
                    .Select(d => new SegmentMembershipCount(project.Id, d.Id, environment.Id, counted.Counts.GetValueOrDefault(d.Id), syncedAt)));
                failures.AddRange(counted.Failures.Select(f => new SegmentCountFailure(project.Id, f.Key, environment.Id, time.UtcNow(), f.Value)));
            }

            await counts.ReplaceProjectCountsAsync(project.Id, result, failures, syncedAt, cancellationToken);
            foreach (var failure in failures)
            {
                logger.LogWarning("Segment membership refresh of project {ProjectId}: segment {SegmentId} could not be counted in environment {EnvironmentId}: {Error}",
                    project.Id, failure.SegmentId, failure.EnvironmentId, failure.Error);
            }

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
