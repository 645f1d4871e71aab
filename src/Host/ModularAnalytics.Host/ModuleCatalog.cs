using System.Reflection;
using ModularAnalytics.BuildingBlocks.Infrastructure.Modules;
using ModularAnalytics.Modules.Catalog.Api;
using ModularAnalytics.Modules.Catalog.Infrastructure;
using ModularAnalytics.Modules.Datar.Api;
using ModularAnalytics.Modules.Datar.Infrastructure;
using ModularAnalytics.Modules.Experimentation.Api;
using ModularAnalytics.Modules.Experimentation.Infrastructure;
using ModularAnalytics.Modules.SegmentMembership.Api;
using ModularAnalytics.Modules.SegmentMembership.Infrastructure;

namespace ModularAnalytics.Host;

/// <summary>The modules this host composes, with the assemblies holding their endpoints.</summary>
internal static class ModuleCatalog
{
    public static IReadOnlyList<IModule> Modules { get; } =
    [
        new CatalogModule(),
        new SegmentMembershipModule(),
        new ExperimentationModule(),
        new DatarModule(),
    ];

    public static IReadOnlyList<Assembly> ApiAssemblies { get; } =
    [
        CatalogApi.Assembly,
        SegmentMembershipApi.Assembly,
        ExperimentationApi.Assembly,
        DatarApi.Assembly,
    ];
}
