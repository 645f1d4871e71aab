using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.BuildingBlocks.Infrastructure.Modules;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using ModularAnalytics.Modules.Catalog.Application;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Infrastructure.Persistence;
using ModularAnalytics.Modules.Catalog.Infrastructure.Persistence.Repositories;
using ModularAnalytics.Modules.Catalog.Infrastructure.Security;

namespace ModularAnalytics.Modules.Catalog.Infrastructure;

/// <summary>Composition root of the Catalog module.</summary>
public sealed class CatalogModule : IModule
{
    public string Name => "Catalog";

    public Assembly ApplicationAssembly => CatalogApplication.Assembly;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<CatalogDbContext>(configuration, CatalogDbContext.SchemaName);
        services.AddScoped<IOrganisationRepository, OrganisationRepository>();
        services.AddScoped<IProjectRepository, ProjectRepository>();
        services.AddScoped<IEnvironmentRepository, EnvironmentRepository>();
        services.AddScoped<IFlagRepository, FlagRepository>();
        services.AddScoped<ICatalogUnitOfWork, CatalogUnitOfWork>();

        // Scoped like the DbContext it reads; the cache behind it is the process-wide IMemoryCache.
        services.AddMemoryCache();
        services.AddScoped<ICredentialResolver, CatalogCredentialResolver>();
    }
}
