using System.Reflection;

namespace ModularAnalytics.Modules.Datar.Application;

/// <summary>Marks the module's application assembly for handler and validator scanning.</summary>
public static class DatarApplication
{
    public static Assembly Assembly => typeof(DatarApplication).Assembly;
}
