using ModularAnalytics.BuildingBlocks.ClickHouse.Migrations;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Migrations;

/// <summary>The modules' warehouse migrations, after the relational ones (a no-op with a log line when the warehouse is Disabled).</summary>
internal sealed class WarehouseMigrationStep(IWarehouseMigrator migrator) : IMigrationStep
{
    public string Name => "warehouse";

    public int Order => 100;

    public Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);
}
