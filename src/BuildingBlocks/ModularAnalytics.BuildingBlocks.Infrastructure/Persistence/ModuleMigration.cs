using Microsoft.EntityFrameworkCore.Migrations;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;

/// <summary>
/// Base of hand-written migrations (EF Core Design does not restore here, ADR 0004). Column types are left to
/// the provider's type mapping, as the model does, and names follow <see cref="ModuleDbContext"/>'s conventions.
/// </summary>
public abstract class ModuleMigration : Migration
{
    protected abstract string ModuleSchema { get; }

    protected bool IsSqlite => ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>The schema argument for builder calls: null on SQLite.</summary>
    protected string? Schema => IsSqlite ? null : ModuleSchema;

    /// <summary>The table name as the model names it on the active provider.</summary>
    protected string Table(string name) => IsSqlite ? $"{ModuleSchema}_{name}" : name;
}
