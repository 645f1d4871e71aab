using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.BuildingBlocks.Infrastructure.Modules;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using ModularAnalytics.BuildingBlocks.Infrastructure.Scheduling;
using ModularAnalytics.Modules.Experimentation.Application;
using ModularAnalytics.Modules.Experimentation.Application.Abstractions;
using ModularAnalytics.Modules.Experimentation.Application.Common;
using ModularAnalytics.Modules.Experimentation.Application.Exposures.RefreshDueExperiments;
using ModularAnalytics.Modules.Experimentation.Infrastructure.Persistence;
using ModularAnalytics.Modules.Experimentation.Infrastructure.Persistence.Repositories;
using ModularAnalytics.Modules.Experimentation.Infrastructure.Warehouse;

namespace ModularAnalytics.Modules.Experimentation.Infrastructure;

/// <summary>Composition root of the Experimentation module.</summary>
public sealed class ExperimentationModule : IModule
{
    public const string RefreshScheduleName = "experimentation-exposures-refresh";

    public string Name => "Experimentation";

    public Assembly ApplicationAssembly => ExperimentationApplication.Assembly;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        var options = ReadOptions(configuration);
        services.AddSingleton(options);
        services.AddModuleDbContext<ExperimentationDbContext>(configuration, ExperimentationDbContext.SchemaName);
        services.AddScoped<IExperimentRepository, ExperimentRepository>();
        services.AddScoped<IExposuresRepository, ExposuresRepository>();
        services.AddScoped<IExperimentationUnitOfWork, ExperimentationUnitOfWork>();
        services.AddScoped<IExperimentationWarehouse, ClickHouseExperimentationWarehouse>();
        services.AddWarehouseMigrations<ExperimentationWarehouseMigrations>();
        services.AddHostedService<EventTtlInstaller>();
        services.AddRecurringCommand(RefreshScheduleName, options.RefreshCron, static () => new RefreshDueExperimentsCommand());
    }

    internal static ExperimentationOptions ReadOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection(ExperimentationOptions.Section);
        var defaults = new ExperimentationOptions();
        var options = new ExperimentationOptions
        {
            RefreshCron = section["RefreshCron"] is { Length: > 0 } cron ? cron : defaults.RefreshCron,
            RefreshTimeout = section.GetValue("RefreshTimeout", defaults.RefreshTimeout),
            RefreshDelay = section.GetValue("RefreshDelay", defaults.RefreshDelay),
            EventTtlDays = section.GetValue("EventTtlDays", defaults.EventTtlDays),
            MaxEventAge = section.GetValue("MaxEventAge", defaults.MaxEventAge),
            SrmMinimumIdentities = section.GetValue("SrmMinimumIdentities", defaults.SrmMinimumIdentities),
        };
        if (options.RefreshTimeout <= TimeSpan.Zero || options.RefreshDelay < TimeSpan.Zero || options.EventTtlDays <= 0
            || options.MaxEventAge <= TimeSpan.Zero || options.SrmMinimumIdentities < 0)
        {
            throw new InvalidOperationException(
                $"{ExperimentationOptions.Section}: RefreshTimeout, EventTtlDays and MaxEventAge must be positive, RefreshDelay and SrmMinimumIdentities not negative.");
        }

        return options;
    }
}
