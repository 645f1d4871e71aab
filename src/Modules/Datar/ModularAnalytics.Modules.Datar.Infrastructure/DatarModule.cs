using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.Infrastructure.Modules;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using ModularAnalytics.Modules.Datar.Application;
using ModularAnalytics.Modules.Datar.Infrastructure.Persistence;

namespace ModularAnalytics.Modules.Datar.Infrastructure;

/// <summary>Composition root of the Datar module.</summary>
public sealed class DatarModule : IModule
{
    public string Name => "Datar";

    public Assembly ApplicationAssembly => DatarApplication.Assembly;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<DatarDbContext>(configuration, DatarDbContext.SchemaName);
    }
}
