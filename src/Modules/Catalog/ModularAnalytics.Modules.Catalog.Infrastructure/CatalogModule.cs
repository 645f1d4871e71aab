using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.Infrastructure.Modules;
using ModularAnalytics.Modules.Catalog.Application;

namespace ModularAnalytics.Modules.Catalog.Infrastructure;

/// <summary>Composition root of the Catalog module.</summary>
public sealed class CatalogModule : IModule
{
    public string Name => "Catalog";

    public Assembly ApplicationAssembly => CatalogApplication.Assembly;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
    }
}
