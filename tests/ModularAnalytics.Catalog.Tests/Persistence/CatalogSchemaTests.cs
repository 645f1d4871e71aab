using Microsoft.EntityFrameworkCore;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using ModularAnalytics.Modules.Catalog.Infrastructure.Persistence;
using ModularAnalytics.Testing;
using Xunit;

namespace ModularAnalytics.Catalog.Tests.Persistence;

/// <summary>
/// The migrations are hand-written, so nothing else ties them to the model: this creates a second store straight
/// from the model and requires the migrated one to look exactly the same (columns, types, keys, index names).
/// </summary>
public abstract class CatalogSchemaTests(ServiceFactory factory)
{
    [Fact]
    public async Task The_migrated_schema_matches_the_model()
    {
        var migrated = factory.Store();
        var modelled = factory.Database == TestDatabase.Postgres
            ? new RelationalStore(RelationalProvider.Postgres, PostgresServer.Instance.CreateDatabase())
            : new RelationalStore(RelationalProvider.Sqlite, $"Data Source={Path.Combine(factory.DataDirectory, "model.db")};Pooling=False");
        var options = new DbContextOptionsBuilder<CatalogDbContext>();
        PersistenceExtensions.Configure<CatalogDbContext>(options, modelled, CatalogDbContext.SchemaName);
        await using (var context = new CatalogDbContext(options.Options))
        {
            await context.Database.EnsureCreatedAsync();
        }

        var expected = await DescribeAsync(modelled);
        var actual = await DescribeAsync(migrated);

        Assert.Contains(expected, line => line.Contains("flags", StringComparison.Ordinal));
        Assert.Equal(expected, actual);
    }

    private static async Task<List<string>> DescribeAsync(RelationalStore store)
    {
        var queries = store.Provider == RelationalProvider.Postgres
            ? new[]
            {
                """
                SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(character_maximum_length::text, '-')
                       || ' nullable=' || is_nullable || ' identity=' || coalesce(identity_generation, '-') || ' default=' || coalesce(column_default, '-')
                FROM information_schema.columns WHERE table_schema = 'catalog' AND table_name NOT LIKE '\_\_%'
                """,
                "SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'catalog' AND tablename NOT LIKE '\\_\\_%'",
                """
                SELECT 'constraint ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
                FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                WHERE c.connamespace = 'catalog'::regnamespace AND t.relname NOT LIKE '\_\_%'
                """,
            }
            : new[]
            {
                "SELECT type || ' ' || name || ' ' || coalesce(sql, '-') FROM sqlite_master WHERE tbl_name LIKE 'catalog\\_%' ESCAPE '\\'",
            };

        var lines = new List<string>();
        foreach (var query in queries)
        {
            lines.AddRange((await store.QueryAsync(query)).Select(row => (string)row[0]!));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}

public sealed class SqliteCatalogSchemaTests(SqliteServiceFactory factory) : CatalogSchemaTests(factory), IClassFixture<SqliteServiceFactory>;

public sealed class PostgresCatalogSchemaTests(PostgresServiceFactory factory) : CatalogSchemaTests(factory), IClassFixture<PostgresServiceFactory>;
