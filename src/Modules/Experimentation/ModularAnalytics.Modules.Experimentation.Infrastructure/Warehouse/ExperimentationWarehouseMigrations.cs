using ModularAnalytics.BuildingBlocks.ClickHouse.Migrations;
using ModularAnalytics.Modules.Experimentation.Application.Common;

namespace ModularAnalytics.Modules.Experimentation.Infrastructure.Warehouse;

/// <summary>
/// The module's warehouse schema. Sorted so that one experiment's exposures are one narrow range (environment, event,
/// flag) and, inside it, by identifier then time: the exposures query groups by identifier in that order.
/// </summary>
internal sealed class ExperimentationWarehouseMigrations(ExperimentationOptions options) : IWarehouseMigrationSource
{
    public const string Module = "Experimentation";
    public const string EventsTable = "experiment_events";

    public IEnumerable<WarehouseMigration> GetMigrations() =>
    [
        new(Module, 1, "events",
        [
            $"""
            CREATE TABLE IF NOT EXISTS {EventsTable}
            (
                environment_id UInt32,
                event LowCardinality(String),
                feature_name LowCardinality(String),
                identifier String,
                value LowCardinality(String),
                timestamp DateTime64(3, 'UTC'),
                received_at DateTime64(3, 'UTC')
            )
            ENGINE = MergeTree
            PARTITION BY toYYYYMM(timestamp)
            ORDER BY (environment_id, event, feature_name, identifier, timestamp)
            TTL toDateTime(timestamp) + INTERVAL {options.EventTtlDays} DAY
            """,
        ]),
    ];
}
