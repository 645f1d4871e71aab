namespace ModularAnalytics.BuildingBlocks.Application.Exceptions;

/// <summary>How problems name the dependencies: public words, no host names or driver internals.</summary>
public static class DependencyNames
{
    public const string RelationalStore = "the relational store";
    public const string Warehouse = "the warehouse";

    public static string UnavailableDetail(string dependency) =>
        $"{char.ToUpperInvariant(dependency[0])}{dependency[1..]} is unavailable; retry later.";
}
