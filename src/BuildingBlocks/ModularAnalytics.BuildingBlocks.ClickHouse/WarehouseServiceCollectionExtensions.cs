using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModularAnalytics.BuildingBlocks.ClickHouse.Embedded;
using ModularAnalytics.BuildingBlocks.ClickHouse.Migrations;
using ModularAnalytics.BuildingBlocks.ClickHouse.Server;

namespace ModularAnalytics.BuildingBlocks.ClickHouse;

public static class WarehouseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IClickHouseClient"/> (singleton, per Warehouse:Mode), <see cref="WarehouseOptions"/>,
    /// <see cref="WarehouseStatus"/>, <see cref="IWarehouseMigrator"/> and <see cref="WarehouseHealthCheck"/>.
    /// Invalid configuration throws here, at start-up.
    /// </summary>
    public static IServiceCollection AddWarehouse(this IServiceCollection services, IConfiguration configuration)
    {
        var options = WarehouseOptions.FromConfiguration(configuration);
        var status = new WarehouseStatus(options.Mode, options.Database,
            options.Mode == WarehouseMode.Disabled ? "Warehouse:Mode is Disabled" : null);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton(status);

        switch (options.Mode)
        {
            case WarehouseMode.Embedded:
                services.TryAddSingleton<IClickHouseClient>(new EmbeddedClickHouseClient(options.Embedded!));
                break;
            case WarehouseMode.Server:
                var server = options.Server!;
                services.AddHttpClient(ServerClickHouseClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
                    .ConfigurePrimaryHttpMessageHandler(() => ServerClickHouseClient.CreateHandler(server));
                services.TryAddSingleton<IClickHouseClient>(sp => new ServerClickHouseClient(
                    sp.GetRequiredService<IHttpClientFactory>().CreateClient(ServerClickHouseClient.HttpClientName), server, options.Database));
                break;
            default:
                services.TryAddSingleton<IClickHouseClient>(new DisabledClickHouseClient(status));
                break;
        }

        services.TryAddSingleton<IWarehouseMigrator, WarehouseMigrator>();
        services.TryAddSingleton<WarehouseHealthCheck>();
        return services;
    }

    /// <summary>Registers a module's migrations.</summary>
    public static IServiceCollection AddWarehouseMigrations(this IServiceCollection services, params WarehouseMigration[] migrations)
    {
        services.AddSingleton<IWarehouseMigrationSource>(new StaticMigrationSource(migrations));
        return services;
    }

    /// <summary>Registers a module's migration source type.</summary>
    public static IServiceCollection AddWarehouseMigrations<TSource>(this IServiceCollection services)
        where TSource : class, IWarehouseMigrationSource
    {
        services.AddSingleton<IWarehouseMigrationSource, TSource>();
        return services;
    }

    /// <summary>Adds <see cref="WarehouseHealthCheck"/> (requires <see cref="AddWarehouse"/>).</summary>
    public static IHealthChecksBuilder AddWarehouseHealthCheck(this IHealthChecksBuilder builder, string name = WarehouseHealthCheck.Name) =>
        builder.AddCheck<WarehouseHealthCheck>(name, HealthStatus.Unhealthy, ["warehouse", "ready"]);
}
