using ModularAnalytics.BuildingBlocks.ClickHouse.Migrations;

namespace ModularAnalytics.Modules.Datar.Infrastructure.Warehouse;

/// <summary>Datar's ClickHouse schema: raw evaluation records appended by the `warehouse` recorder.</summary>
internal sealed class DatarWarehouseMigrations : IWarehouseMigrationSource
{
    public const string RecordsTable = "datar_evaluation_records";

    public IEnumerable<WarehouseMigration> GetMigrations() =>
    [
        new("datar", 1, "evaluation records",
        [
            $"""
            CREATE TABLE IF NOT EXISTS {RecordsTable}
            (
                project_id UInt32,
                environment_id UInt32,
                flag_id UInt32,
                variant_id UInt32,
                segment_id UInt32,
                entity_id String,
                record_source LowCardinality(String),
                timestamp DateTime64(3, 'UTC'),
                inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
            )
            ENGINE = MergeTree
            PARTITION BY toYYYYMM(timestamp)
            ORDER BY (project_id, flag_id, timestamp)
            """,
        ]),
    ];
}
