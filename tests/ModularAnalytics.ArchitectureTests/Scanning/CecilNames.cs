using Mono.Cecil;

namespace ModularAnalytics.ArchitectureTests.Scanning;

internal static class CecilNames
{
    /// <summary>Reflection-style full name: nested types joined with '+', generic arguments left out.</summary>
    public static string FullName(TypeReference type)
    {
        var element = type.GetElementType();
        return element.DeclaringType is { } declaring
            ? FullName(declaring) + "+" + element.Name
            : element.FullName;
    }

    public static string Namespace(TypeReference type)
    {
        var element = type.GetElementType();
        while (element.DeclaringType is { } declaring)
        {
            element = declaring;
        }

        return element.Namespace;
    }

    public static string AssemblyName(TypeReference type) => type.GetElementType().Scope switch
    {
        AssemblyNameReference reference => reference.Name,
        ModuleDefinition module => module.Assembly.Name.Name,
        ModuleReference module => module.Name,
        _ => string.Empty,
    };

    /// <summary>Whether a namespace (or assembly name) is <paramref name="prefix"/> or lies below it.</summary>
    public static bool IsWithin(string name, string prefix) =>
        name.Length == prefix.Length
            ? string.Equals(name, prefix, StringComparison.Ordinal)
            : name.StartsWith(prefix, StringComparison.Ordinal) && name[prefix.Length] == '.';
}
