namespace ModularAnalytics.ClickHouse.Tests.Behaviour;

/// <summary>The behaviour suite on the embedded chDB engine shared by the whole test process.</summary>
public sealed class EmbeddedWarehouseTests : WarehouseBehaviour
{
    protected override Dictionary<string, string?> Configure(string database) => TestWarehouse.EmbeddedSettings(database);

    [Fact] public Task Create_insert_select() => CreateInsertSelect();

    [Fact] public Task ReplacingMergeTree_final_keeps_newest_inserted_at() => ReplacingMergeTreeFinalKeepsNewest();

    [Fact] public Task Json_column_subcolumns_with_awkward_keys() => JsonColumnSubcolumns();

    [Fact] public Task Parameters_of_every_type_round_trip_exactly() => ParametersRoundTripExactly();

    [Fact] public Task Errors_carry_clickhouse_codes() => ErrorsCarryClickHouseCodes();

    [Fact] public Task Sixteen_parallel_inserts_and_queries_are_correct() => ConcurrentQueriesAndInsertsAreCorrect();

    [Fact] public Task Settings_and_log_comment_apply() => SettingsAndLogCommentApply();

    [Fact] public Task Bulk_insert_of_100k_rows() => BulkInsertOfHundredThousandRows();

    [Fact] public Task Migrations_are_idempotent() => MigrationsAreIdempotent();

    [Fact] public Task Health_check_is_healthy() => HealthCheckIsHealthy();
}

/// <summary>The same suite against a real server over HTTP; skipped unless CLICKHOUSE_URL is set (see <see cref="ServerFactAttribute"/>).</summary>
public sealed class ServerWarehouseTests : WarehouseBehaviour
{
    protected override Dictionary<string, string?> Configure(string database) => new()
    {
        ["Warehouse:Mode"] = "Server",
        ["Warehouse:Database"] = database,
        ["ClickHouse:Url"] = ServerFactAttribute.ServerUrl ?? "http://127.0.0.1:8123/",
    };

    [ServerFact] public Task Create_insert_select() => CreateInsertSelect();

    [ServerFact] public Task ReplacingMergeTree_final_keeps_newest_inserted_at() => ReplacingMergeTreeFinalKeepsNewest();

    [ServerFact] public Task Json_column_subcolumns_with_awkward_keys() => JsonColumnSubcolumns();

    [ServerFact] public Task Parameters_of_every_type_round_trip_exactly() => ParametersRoundTripExactly();

    [ServerFact] public Task Errors_carry_clickhouse_codes() => ErrorsCarryClickHouseCodes();

    [ServerFact] public Task Sixteen_parallel_inserts_and_queries_are_correct() => ConcurrentQueriesAndInsertsAreCorrect();

    [ServerFact] public Task Settings_and_log_comment_apply() => SettingsAndLogCommentApply();

    [ServerFact] public Task Bulk_insert_of_100k_rows() => BulkInsertOfHundredThousandRows();

    [ServerFact] public Task Migrations_are_idempotent() => MigrationsAreIdempotent();

    [ServerFact] public Task Health_check_is_healthy() => HealthCheckIsHealthy();
}
