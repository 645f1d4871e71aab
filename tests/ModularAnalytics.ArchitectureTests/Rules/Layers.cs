using ModularAnalytics.ArchitectureTests.Scanning;

namespace ModularAnalytics.ArchitectureTests.Rules;

/// <summary>Where a namespace sits: a module layer (<c>ModularAnalytics.Modules.Catalog.Domain</c>) or a building block.</summary>
public sealed record LayerOf(string? Module, string Layer)
{
    public const string ModulesRoot = "ModularAnalytics.Modules";
    public const string BuildingBlocksRoot = "ModularAnalytics.BuildingBlocks";

    public const string Domain = "Domain";
    public const string Application = "Application";
    public const string Infrastructure = "Infrastructure";
    public const string Api = "Api";
    public const string Contracts = "Contracts";

    public static IReadOnlyList<string> ModuleLayers { get; } = [Domain, Application, Infrastructure, Api, Contracts];

    public bool IsModule => Module is not null;

    public bool IsBuildingBlock => Module is null;

    /// <summary>The module layer or building block a namespace belongs to; null for everything else.</summary>
    public static LayerOf? Namespace(string ns)
    {
        var parts = ns.Split('.');
        if (CecilNames.IsWithin(ns, ModulesRoot) && parts.Length >= 4)
        {
            return new LayerOf(parts[2], parts[3]);
        }

        return CecilNames.IsWithin(ns, BuildingBlocksRoot) && parts.Length >= 3 ? new LayerOf(null, parts[2]) : null;
    }

    public static bool IsModuleLayer(string ns, params string[] layers) =>
        Namespace(ns) is { IsModule: true } at && layers.Contains(at.Layer);

    public static bool IsBuildingBlockLayer(string ns, params string[] layers) =>
        Namespace(ns) is { IsBuildingBlock: true } at && layers.Contains(at.Layer);
}
