using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.Experimentation.Application.Abstractions;
using ModularAnalytics.Modules.Experimentation.Domain.Exposures;

namespace ModularAnalytics.Modules.Experimentation.Infrastructure.Warehouse;

/// <summary>
/// The exposures query: per identity its first in-window exposure and whether it saw more than one value
/// (<c>min(value) != max(value)</c>, cheaper than counting distinct values), then identities per (bucket, key).
/// Duplicated events change neither, so at-least-once delivery needs no dedup of its own.
/// </summary>
internal static class ExposureSql
{
    public static ClickHouseQuery Build(ExposureQuery query)
    {
        var bucket = query.Window.Granularity == ExposureGranularity.Hour ? "toStartOfHour" : "toStartOfDay";
        var sql = $$"""
            SELECT {{bucket}}(first_at) AS bucket, key, count() AS identities
            FROM
            (
                SELECT min(timestamp) AS first_at, if(min(value) = max(value), min(value), '{{ExposurePayload.Multiple}}') AS key
                FROM {{ExperimentationWarehouseMigrations.EventsTable}}
                WHERE environment_id = {environment:UInt32}
                  AND event = {event:String}
                  AND feature_name = {feature:String}
                  AND timestamp >= {from:DateTime64(3, 'UTC')}
                  AND timestamp <= {to:DateTime64(3, 'UTC')}
                  AND value != ''
                GROUP BY identifier
            )
            GROUP BY bucket, key
            ORDER BY bucket, key
            """;
        return new ClickHouseQuery(sql)
            .WithParameter("environment", query.EnvironmentId)
            .WithParameter("event", Application.Events.ExperimentEvent.FlagExposure)
            .WithParameter("feature", query.FlagKey)
            .WithParameter("from", query.Window.Start)
            .WithParameter("to", query.Window.End)
            .WithLogComment(query.LogComment);
    }
}
