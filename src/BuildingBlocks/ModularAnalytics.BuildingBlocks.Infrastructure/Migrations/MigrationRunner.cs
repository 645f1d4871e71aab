using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Migrations;

/// <summary>A schema change applied at start-up or by `migrate`, after the relational modules' own.</summary>
public interface IMigrationStep
{
    string Name { get; }

    /// <summary>Lower runs first; relational module schemas run at 0.</summary>
    int Order { get; }

    Task RunAsync(IServiceProvider services, CancellationToken cancellationToken);
}

/// <summary>Brings every store the service owns to its latest schema: relational modules, then the other steps.</summary>
public sealed class MigrationRunner(
    IServiceProvider services,
    IEnumerable<IRelationalMigrationTarget> relational,
    IEnumerable<IMigrationStep> steps,
    ILogger<MigrationRunner> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        foreach (var target in relational)
        {
            logger.LogInformation("Migrating relational schema of {Module}", target.Name);
            await target.MigrateAsync(services, cancellationToken);
        }

        foreach (var step in steps.OrderBy(s => s.Order))
        {
            logger.LogInformation("Running migration step {Step}", step.Name);
            await step.RunAsync(services, cancellationToken);
        }
    }
}

public static class MigrationExtensions
{
    public static IServiceCollection AddMigrationRunner(this IServiceCollection services)
    {
        services.AddSingleton<MigrationRunner>();
        return services;
    }

    /// <summary>Runs the modules' warehouse migrations with the others (needs the warehouse registered).</summary>
    public static IServiceCollection AddWarehouseMigrationStep(this IServiceCollection services)
    {
        services.AddSingleton<IMigrationStep, WarehouseMigrationStep>();
        return services;
    }
}
