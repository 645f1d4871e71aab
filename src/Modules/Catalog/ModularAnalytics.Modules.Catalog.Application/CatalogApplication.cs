using System.Reflection;

namespace ModularAnalytics.Modules.Catalog.Application;

/// <summary>Marks the module's application assembly for handler and validator scanning.</summary>
public static class CatalogApplication
{
    public static Assembly Assembly => typeof(CatalogApplication).Assembly;
}
