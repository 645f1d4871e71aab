using Microsoft.Extensions.Logging;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Refresh;

/// <summary>
/// Copies a project's identities from the identity source into the warehouse, every environment in turn.
/// <para>
/// Additive, like Flagsmith's own identity export: an identity removed from the source stays in the warehouse with
/// its last traits (a ReplacingMergeTree cannot forget a key by re-inserting). Re-inserted identities replace their
/// older copies because every row of one run carries the run's start time as <c>inserted_at</c>.
/// </para>
/// </summary>
internal sealed class ProjectBackfill(IIdentitySource source, ISegmentWarehouse warehouse, ILogger<ProjectBackfill> logger)
{
    public async Task RunAsync(int organisationId, int projectId, IReadOnlyList<EnvironmentRef> environments, DateTime runStartedAt, CancellationToken cancellationToken)
    {
        var work = new WarehouseWork(WarehouseWork.Backfill, organisationId, projectId);
        foreach (var environment in environments)
        {
            var written = await warehouse.WriteIdentitiesAsync(environment, source.ReadAsync(environment, cancellationToken), runStartedAt, work, cancellationToken);
            logger.LogInformation("Segment membership backfill: {Count} identities of environment {EnvironmentId} (project {ProjectId}) written to the warehouse",
                written, environment.Id, projectId);
        }
    }
}
