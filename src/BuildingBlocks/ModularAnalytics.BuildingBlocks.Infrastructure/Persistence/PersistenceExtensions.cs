using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModularAnalytics.BuildingBlocks.Infrastructure.Migrations;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;

public static class PersistenceExtensions
{
    /// <summary>The relational store of this process, read once from configuration.</summary>
    public static RelationalStore AddRelationalStore(this IServiceCollection services, IConfiguration configuration)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(RelationalStore))?.ImplementationInstance;
        if (existing is RelationalStore store)
        {
            return store;
        }

        store = RelationalStore.FromConfiguration(configuration);
        services.AddSingleton(store);
        return store;
    }

    /// <summary>Registers a module's DbContext on the configured provider, with its own migrations history table.</summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, IConfiguration configuration, string schema)
        where TContext : ModuleDbContext
    {
        var store = services.AddRelationalStore(configuration);
        services.AddDbContext<TContext>(options => Configure<TContext>(options, store, schema));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRelationalMigrationTarget, RelationalMigrationTarget<TContext>>());
        return services;
    }

    public static void Configure<TContext>(DbContextOptionsBuilder options, RelationalStore store, string schema)
        where TContext : DbContext
    {
        var migrationsAssembly = typeof(TContext).Assembly.GetName().Name;
        switch (store.Provider)
        {
            case RelationalProvider.Postgres:
                options.UseNpgsql(store.ConnectionString, npgsql => npgsql
                    .MigrationsAssembly(migrationsAssembly)
                    .MigrationsHistoryTable("__ef_migrations_history", schema));
                break;
            default:
                options.UseSqlite(store.ConnectionString, sqlite => sqlite
                    .MigrationsAssembly(migrationsAssembly)
                    .MigrationsHistoryTable($"__ef_migrations_history_{schema}"));
                break;
        }

        // Hand-written migrations have no model snapshot; the schema test (Host.Tests) is the guard against drift.
        options.ConfigureWarnings(w => w
            .Ignore(RelationalEventId.PendingModelChangesWarning)
            // SQLite ignores schemas; ModuleDbContext turns the schema into a table prefix there.
            .Ignore(SqliteEventId.SchemaConfiguredWarning));
    }
}
