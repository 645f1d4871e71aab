using System.Reflection;

namespace ModularAnalytics.Modules.Experimentation.Application;

/// <summary>Marks the module's application assembly for handler and validator scanning.</summary>
public static class ExperimentationApplication
{
    public static Assembly Assembly => typeof(ExperimentationApplication).Assembly;
}
