using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModularAnalytics.BuildingBlocks.Application.Configuration;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.BuildingBlocks.Infrastructure.Hosting;
using ModularAnalytics.BuildingBlocks.Infrastructure.Modules;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using ModularAnalytics.Modules.Datar.Application;
using ModularAnalytics.Modules.Datar.Application.Flags;
using ModularAnalytics.Modules.Datar.Application.Abstractions;
using ModularAnalytics.Modules.Datar.Application.Recording;
using ModularAnalytics.Modules.Datar.Domain.Aggregation;
using ModularAnalytics.Modules.Datar.Infrastructure.Persistence;
using ModularAnalytics.Modules.Datar.Infrastructure.Recording;
using ModularAnalytics.Modules.Datar.Infrastructure.Warehouse;

namespace ModularAnalytics.Modules.Datar.Infrastructure;

/// <summary>Composition root of the Datar module.</summary>
public sealed class DatarModule : IModule
{
    public string Name => "Datar";

    public Assembly ApplicationAssembly => DatarApplication.Assembly;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        var options = RecorderOptions.Parse(key => configuration[key]);
        services.AddSingleton(options);
        services.AddModuleDbContext<DatarDbContext>(configuration, DatarDbContext.SchemaName);
        services.AddScoped<IHourlyEventStore, HourlyEventStore>();
        services.AddSingleton<IHourlyEventStoreFactory, ScopedHourlyEventStoreFactory>();
        services.AddScoped<IDatarReadStore, DatarReadStore>();
        services.AddSingleton<HourlyEvaluationAggregator>();
        services.AddSingleton<DatarMetrics>();
        services.AddSingleton<DatarFlusher>();
        // One log per replica under the data directory; a restart under the same name replays it.
        var logDirectory = Path.Combine(
            StoragePaths.ResolveDataDirectory(configuration[StoragePaths.DataDirectoryKey]), "datar-log", options.ReplicaName);
        services.AddSingleton<IEvaluationLog>(sp => new FileEvaluationLog(logDirectory, sp.GetRequiredService<ILogger<FileEvaluationLog>>()));
        services.AddWarehouseMigrations<DatarWarehouseMigrations>();
        services.AddSingleton<FanOutRecorder>();
        services.AddSingleton<FlagDirectory>();

        if (options.DatarEnabled)
        {
            services.AddSingleton<IDataRecorder, DatarRecorder>();
            services.AddSingleton<DatarFlushService>();
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DatarFlushService>());
            services.AddSingleton<IShutdownParticipant>(sp => sp.GetRequiredService<DatarFlushService>());
        }

        if (options.WarehouseEnabled)
        {
            // Dropping every record the operator asked to keep would be a silent failure; refuse to start instead.
            if (WarehouseOptions.FromConfiguration(configuration).Mode == WarehouseMode.Disabled)
            {
                throw new InvalidOperationException(
                    "Recorder:Type includes 'warehouse' but Warehouse:Mode is Disabled: enable the warehouse or remove 'warehouse' from Recorder:Type.");
            }

            services.AddSingleton<WarehouseRecorder>();
            services.AddSingleton<IDataRecorder>(sp => sp.GetRequiredService<WarehouseRecorder>());
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<WarehouseRecorder>());
            services.AddSingleton<IShutdownParticipant>(sp => sp.GetRequiredService<WarehouseRecorder>());
        }
    }
}
