namespace ModularAnalytics.BuildingBlocks.ClickHouse.Migrations;

/// <summary>
/// One versioned step of a module's warehouse schema. Statements run in order in the service database and must be
/// idempotent (<c>CREATE TABLE IF NOT EXISTS</c>, <c>ADD COLUMN IF NOT EXISTS</c>, ...): see <see cref="IWarehouseMigrator"/>.
/// </summary>
public sealed record WarehouseMigration(string Module, int Version, string Name, IReadOnlyList<string> Statements)
{
    /// <summary>
    /// Optional data step run after the statements (e.g. rewriting existing rows in a new shape); like them it must be
    /// idempotent, since a failure before the version is recorded runs it again.
    /// </summary>
    public Func<IClickHouseClient, CancellationToken, Task>? Data { get; init; }
}

/// <summary>Supplies a module's migrations; register with <c>AddWarehouseMigrations</c>.</summary>
public interface IWarehouseMigrationSource
{
    IEnumerable<WarehouseMigration> GetMigrations();
}

public sealed record WarehouseMigrationReport(IReadOnlyList<WarehouseMigration> Applied, bool Skipped);

/// <summary>
/// Applies pending migrations, per module in version order, recording each in <c>schema_migrations</c>.
/// Guarantee: within one process runs are serialised and each version is applied and recorded once; a second run
/// applies nothing. Two processes migrating at once may both run a pending version's statements (which is why they
/// must be idempotent) and both record it; <c>schema_migrations</c> is a ReplacingMergeTree keyed by (module, version)
/// and is read with FINAL, so such a duplicate is invisible to later runs.
/// </summary>
public interface IWarehouseMigrator
{
    Task<WarehouseMigrationReport> MigrateAsync(CancellationToken cancellationToken = default);
}

internal sealed class StaticMigrationSource(IReadOnlyList<WarehouseMigration> migrations) : IWarehouseMigrationSource
{
    public IEnumerable<WarehouseMigration> GetMigrations() => migrations;
}
