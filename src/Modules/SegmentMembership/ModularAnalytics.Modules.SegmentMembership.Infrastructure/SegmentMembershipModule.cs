using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.BuildingBlocks.Infrastructure.Modules;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using ModularAnalytics.BuildingBlocks.Infrastructure.Scheduling;
using ModularAnalytics.Modules.SegmentMembership.Application;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Application.Common;
using ModularAnalytics.Modules.SegmentMembership.Application.Refresh;
using ModularAnalytics.Modules.SegmentMembership.Application.Refresh.RunSegmentMembershipBackfill;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments;
using ModularAnalytics.Modules.SegmentMembership.Infrastructure.Identities;
using ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence;
using ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence.Stores;
using ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure;

/// <summary>Composition root of the SegmentMembership module.</summary>
public sealed class SegmentMembershipModule : IModule
{
    public const string BackfillScheduleName = "segment-membership-backfill";

    public string Name => "SegmentMembership";

    public Assembly ApplicationAssembly => SegmentMembershipApplication.Assembly;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        var options = ReadOptions(configuration);
        services.AddSingleton(options);
        services.AddModuleDbContext<SegmentMembershipDbContext>(configuration, SegmentMembershipDbContext.SchemaName);
        services.AddScoped<ISegmentRepository, SegmentRepository>();
        services.AddScoped<IMembershipCountStore, MembershipCountStore>();
        services.AddScoped<IRefreshStateStore, RefreshStateStore>();
        services.AddScoped<ISegmentMembershipUnitOfWork, SegmentMembershipUnitOfWork>();
        services.AddScoped<IIdentityStore, RelationalIdentityStore>();
        if (options.IdentitySource == IdentitySourceKind.Ndjson)
        {
            services.AddScoped<IIdentitySource, NdjsonIdentitySource>();
        }
        else
        {
            services.AddScoped<IIdentitySource, RelationalIdentitySource>();
        }

        services.AddScoped<ISegmentWarehouse, ClickHouseSegmentWarehouse>();
        services.AddScoped<IRegexEngineCheck, WarehouseRegexCheck>();
        services.AddScoped<ProjectBackfill>();
        services.AddScoped<SegmentViews>();
        services.AddWarehouseMigrations<SegmentMembershipWarehouseMigrations>();
        services.AddRecurringCommand(BackfillScheduleName, options.BackfillCron, static () => new RunSegmentMembershipBackfillCommand());
    }

    internal static SegmentMembershipOptions ReadOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection(SegmentMembershipOptions.Section);
        var defaults = new SegmentMembershipOptions();
        var options = new SegmentMembershipOptions
        {
            IdentitySource = section.GetValue("IdentitySource", defaults.IdentitySource),
            NdjsonPath = section["Ndjson:Path"],
            BackfillCron = section["BackfillCron"] is { Length: > 0 } cron ? cron : defaults.BackfillCron,
            RefreshTimeout = section.GetValue("RefreshTimeout", defaults.RefreshTimeout),
            RefreshDelay = section.GetValue("RefreshDelay", defaults.RefreshDelay),
            BackfillBatchSize = section.GetValue("BackfillBatchSize", defaults.BackfillBatchSize),
        };
        if (options.IdentitySource == IdentitySourceKind.Ndjson && string.IsNullOrWhiteSpace(options.NdjsonPath))
        {
            throw new InvalidOperationException($"{SegmentMembershipOptions.Section}:IdentitySource is Ndjson but {SegmentMembershipOptions.Section}:Ndjson:Path is not set.");
        }

        if (options.RefreshTimeout <= TimeSpan.Zero || options.BackfillBatchSize <= 0)
        {
            throw new InvalidOperationException($"{SegmentMembershipOptions.Section}: RefreshTimeout and BackfillBatchSize must be positive.");
        }

        return options;
    }
}
