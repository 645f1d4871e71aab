using Mono.Cecil;

namespace ModularAnalytics.ArchitectureTests.Scanning;

internal static class TypeHierarchy
{
    /// <summary>
    /// Whether <paramref name="type"/> derives from or implements the open generic or plain type
    /// <paramref name="fullName"/> (Cecil spelling, e.g. <c>MediatR.IRequestHandler`2</c>), through its base classes too.
    /// </summary>
    public static bool IsAssignableTo(TypeDefinition type, string fullName) => Ancestors(type).Any(t => t == fullName);

    public static IEnumerable<string> Ancestors(TypeDefinition type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<TypeReference>();
        pending.Push(type);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            var name = current.GetElementType().FullName;
            if (!seen.Add(name))
            {
                continue;
            }

            yield return name;
            var definition = TryResolve(current);
            if (definition is null)
            {
                continue;
            }

            if (definition.BaseType is { } baseType)
            {
                pending.Push(baseType);
            }

            foreach (var implementation in definition.Interfaces)
            {
                pending.Push(implementation.InterfaceType);
            }
        }
    }

    /// <summary>Visible outside its assembly: public, and every declaring type public too.</summary>
    public static bool IsEffectivelyPublic(TypeDefinition type) =>
        type.DeclaringType is null
            ? type.IsPublic
            : (type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamilyOrAssembly) && IsEffectivelyPublic(type.DeclaringType);

    private static TypeDefinition? TryResolve(TypeReference reference)
    {
        try
        {
            return reference.GetElementType().Resolve();
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }
    }
}
