using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Modules;

/// <summary>A module's composition root: what the host calls to add the module.</summary>
public interface IModule
{
    string Name { get; }

    /// <summary>Where the module's handlers, validators and behaviours live.</summary>
    Assembly ApplicationAssembly { get; }

    void Register(IServiceCollection services, IConfiguration configuration);
}
