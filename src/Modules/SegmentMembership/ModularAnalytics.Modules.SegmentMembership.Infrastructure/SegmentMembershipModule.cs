using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.Infrastructure.Modules;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using ModularAnalytics.Modules.SegmentMembership.Application;
using ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure;

/// <summary>Composition root of the SegmentMembership module.</summary>
public sealed class SegmentMembershipModule : IModule
{
    public string Name => "SegmentMembership";

    public Assembly ApplicationAssembly => SegmentMembershipApplication.Assembly;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<SegmentMembershipDbContext>(configuration, SegmentMembershipDbContext.SchemaName);
    }
}
