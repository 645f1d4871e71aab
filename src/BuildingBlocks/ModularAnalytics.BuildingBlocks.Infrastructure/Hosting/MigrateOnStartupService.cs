using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ModularAnalytics.BuildingBlocks.Infrastructure.Migrations;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Hosting;

/// <summary>Applies migrations before anything else starts, unless `Database:MigrateOnStartup` is false (production runs `migrate`).</summary>
public sealed class MigrateOnStartupService(MigrationRunner runner, IConfiguration configuration) : IHostedService
{
    public const string SettingKey = "Database:MigrateOnStartup";

    public Task StartAsync(CancellationToken cancellationToken) =>
        configuration.GetValue(SettingKey, defaultValue: true) ? runner.MigrateAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
