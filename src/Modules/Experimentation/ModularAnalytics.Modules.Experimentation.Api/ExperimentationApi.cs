using System.Reflection;

namespace ModularAnalytics.Modules.Experimentation.Api;

/// <summary>Marks the module's API assembly for endpoint-module scanning.</summary>
public static class ExperimentationApi
{
    public static Assembly Assembly => typeof(ExperimentationApi).Assembly;
}
