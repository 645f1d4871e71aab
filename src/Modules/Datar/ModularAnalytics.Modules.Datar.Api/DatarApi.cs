using System.Reflection;

namespace ModularAnalytics.Modules.Datar.Api;

/// <summary>Marks the module's API assembly for endpoint-module scanning.</summary>
public static class DatarApi
{
    public static Assembly Assembly => typeof(DatarApi).Assembly;
}
