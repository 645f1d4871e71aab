using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.Infrastructure.Modules;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using ModularAnalytics.Modules.Experimentation.Application;
using ModularAnalytics.Modules.Experimentation.Infrastructure.Persistence;

namespace ModularAnalytics.Modules.Experimentation.Infrastructure;

/// <summary>Composition root of the Experimentation module.</summary>
public sealed class ExperimentationModule : IModule
{
    public string Name => "Experimentation";

    public Assembly ApplicationAssembly => ExperimentationApplication.Assembly;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<ExperimentationDbContext>(configuration, ExperimentationDbContext.SchemaName);
    }
}
