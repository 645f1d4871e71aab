using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.Infrastructure.Migrations;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using ModularAnalytics.Testing;
using Xunit;

namespace ModularAnalytics.Host.Tests;

/// <summary>
/// Migrations are written by hand (no EF Design tooling), so this proves they build exactly the schema the EF
/// model expects: one database is migrated, another is created from the model, and both are compared.
/// </summary>
public sealed class SchemaMatchesModelTests
{
    [Fact]
    public async Task Migrated_sqlite_schema_equals_the_model()
    {
        using var migrated = TestHost.Create(RelationalProvider.Sqlite);
        using var fromModel = TestHost.Create(RelationalProvider.Sqlite);

        var modelContexts = await MigrateAndCreateFromModelAsync(migrated, fromModel);

        var expected = await SchemaIntrospection.ReadSqliteAsync(StoreOf(fromModel).ConnectionString);
        var actual = await SchemaIntrospection.ReadSqliteAsync(StoreOf(migrated).ConnectionString);
        AssertSameSchema(expected, actual, modelContexts);
    }

    [Fact]
    public async Task Migrated_postgres_schema_equals_the_model()
    {
        using var migrated = TestHost.Create(RelationalProvider.Postgres);
        using var fromModel = TestHost.Create(RelationalProvider.Postgres);

        var modelContexts = await MigrateAndCreateFromModelAsync(migrated, fromModel);
        var schemas = modelContexts.Select(c => c.Schema).ToArray();

        var expected = await SchemaIntrospection.ReadPostgresAsync(StoreOf(fromModel).ConnectionString, schemas);
        var actual = await SchemaIntrospection.ReadPostgresAsync(StoreOf(migrated).ConnectionString, schemas);
        AssertSameSchema(expected, actual, modelContexts);
    }

    [Fact]
    public async Task Migrating_twice_is_a_no_op()
    {
        using var host = TestHost.Create(RelationalProvider.Sqlite);
        var runner = host.Services.GetRequiredService<MigrationRunner>();
        await runner.MigrateAsync(CancellationToken.None);
        var before = await SchemaIntrospection.ReadSqliteAsync(StoreOf(host).ConnectionString);

        await runner.MigrateAsync(CancellationToken.None);

        var after = await SchemaIntrospection.ReadSqliteAsync(StoreOf(host).ConnectionString);
        Assert.Equal(before, after);
        Assert.NotEmpty(before);
    }

    private static RelationalStore StoreOf(ServiceFactory host) => host.Services.GetRequiredService<RelationalStore>();

    private static async Task<IReadOnlyList<ModuleDbContext>> MigrateAndCreateFromModelAsync(ServiceFactory migrated, ServiceFactory fromModel)
    {
        foreach (var target in migrated.Services.GetServices<IRelationalMigrationTarget>())
        {
            await target.MigrateAsync(migrated.Services, CancellationToken.None);
        }

        var scope = fromModel.Services.CreateScope();
        var contexts = new List<ModuleDbContext>();
        foreach (var target in fromModel.Services.GetServices<IRelationalMigrationTarget>())
        {
            var context = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(target.ContextType);
            var creator = context.GetService<IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync())
            {
                await creator.CreateAsync();
            }

            if (context.Model.GetEntityTypes().Any())
            {
                await creator.CreateTablesAsync();
            }

            contexts.Add(context);
        }

        Assert.Equal(4, contexts.Count);
        return contexts;
    }

    private static void AssertSameSchema(SortedSet<string> expected, SortedSet<string> actual, IReadOnlyList<ModuleDbContext> contexts)
    {
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            "The migrations do not build the model's schema.\n" +
            $"Expected by the model but not migrated:\n  {string.Join("\n  ", missing)}\n" +
            $"Migrated but not in the model:\n  {string.Join("\n  ", extra)}");

        var tableCount = contexts.Sum(c => c.Model.GetEntityTypes().Count(e => e.GetTableName() is not null));
        Assert.Equal(tableCount, expected.Count(l => l.StartsWith("table ", StringComparison.Ordinal)));
    }
}
