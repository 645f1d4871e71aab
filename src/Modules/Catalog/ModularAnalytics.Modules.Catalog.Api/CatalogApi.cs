using System.Reflection;

namespace ModularAnalytics.Modules.Catalog.Api;

/// <summary>Marks the module's API assembly for endpoint-module scanning.</summary>
public static class CatalogApi
{
    public static Assembly Assembly => typeof(CatalogApi).Assembly;
}
