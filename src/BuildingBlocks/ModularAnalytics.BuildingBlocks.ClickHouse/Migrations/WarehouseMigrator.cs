using Microsoft.Extensions.Logging;

namespace ModularAnalytics.BuildingBlocks.ClickHouse.Migrations;

internal sealed partial class WarehouseMigrator(
    IClickHouseClient client,
    WarehouseStatus status,
    IEnumerable<IWarehouseMigrationSource> sources,
    TimeProvider time,
    ILogger<WarehouseMigrator> logger) : IWarehouseMigrator
{
    internal const string TableName = "schema_migrations";
    private const string LogComment = "warehouse-migrations";
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<WarehouseMigrationReport> MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (!status.IsEnabled)
        {
            LogSkipped(logger, status.DisabledReason);
            return new WarehouseMigrationReport([], Skipped: true);
        }

        var byModule = Validate(sources.SelectMany(s => s.GetMigrations()).ToList());
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await client.ExecuteAsync(new ClickHouseQuery(
                $"""
                CREATE TABLE IF NOT EXISTS {ClickHouseSql.Identifier(TableName)}
                (
                    module String,
                    version Int32,
                    name String,
                    applied_at DateTime64(3, 'UTC')
                )
                ENGINE = ReplacingMergeTree
                ORDER BY (module, version)
                """) { LogComment = LogComment }, cancellationToken);

            var applied = await client.QueryAsync(new ClickHouseQuery(
                $"SELECT module, version FROM {ClickHouseSql.Identifier(TableName)} FINAL") { LogComment = LogComment }, cancellationToken);
            var done = applied.Select(r => (r.GetString("module")!, r.GetInt32("version"))).ToHashSet();

            var newlyApplied = new List<WarehouseMigration>();
            foreach (var (module, migrations) in byModule)
            {
                foreach (var migration in migrations.Where(m => !done.Contains((module, m.Version))))
                {
                    LogApplying(logger, module, migration.Version, migration.Name);
                    foreach (var statement in migration.Statements)
                    {
                        await client.ExecuteAsync(new ClickHouseQuery(statement) { LogComment = $"{LogComment}:{module}:{migration.Version}" }, cancellationToken);
                    }

                    if (migration.Data is not null)
                    {
                        await migration.Data(client, cancellationToken);
                    }

                    await client.InsertAsync(
                        new ClickHouseInsert(TableName) { LogComment = LogComment },
                        [new MigrationRecord(module, migration.Version, migration.Name, time.GetUtcNow().UtcDateTime)],
                        cancellationToken);
                    newlyApplied.Add(migration);
                }
            }

            LogDone(logger, newlyApplied.Count, client.Database);
            return new WarehouseMigrationReport(newlyApplied, Skipped: false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static SortedDictionary<string, List<WarehouseMigration>> Validate(List<WarehouseMigration> all)
    {
        var byModule = new SortedDictionary<string, List<WarehouseMigration>>(StringComparer.Ordinal);
        foreach (var migration in all)
        {
            if (string.IsNullOrWhiteSpace(migration.Module) || migration.Version <= 0 || migration.Statements.Count == 0)
            {
                throw new InvalidOperationException(
                    $"Warehouse migration '{migration.Module}' v{migration.Version} ('{migration.Name}') needs a module, a positive version and at least one statement.");
            }

            if (!byModule.TryGetValue(migration.Module, out var list))
            {
                byModule[migration.Module] = list = [];
            }

            if (list.Any(m => m.Version == migration.Version))
            {
                throw new InvalidOperationException($"Warehouse migration version {migration.Version} is registered twice for module '{migration.Module}'.");
            }

            list.Add(migration);
        }

        foreach (var list in byModule.Values)
        {
            list.Sort((a, b) => a.Version.CompareTo(b.Version));
        }

        return byModule;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warehouse migrations skipped: the warehouse is disabled ({Reason})")]
    private static partial void LogSkipped(ILogger logger, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying warehouse migration {Module} v{Version} ({Name})")]
    private static partial void LogApplying(ILogger logger, string module, int version, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warehouse migrations done: {Count} applied in database {Database}")]
    private static partial void LogDone(ILogger logger, int count, string database);

    private sealed record MigrationRecord(
        [property: System.Text.Json.Serialization.JsonPropertyName("module")] string Module,
        [property: System.Text.Json.Serialization.JsonPropertyName("version")] int Version,
        [property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
        [property: System.Text.Json.Serialization.JsonPropertyName("applied_at")] DateTime AppliedAt);
}
