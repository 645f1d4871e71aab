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

    private static TypeDefinition TryResolve(TypeReference reference) => Resolve(reference.GetElementType());

    /// <summary>
    /// Resolves or fails: a type that cannot be resolved hides its base types and interfaces, so the rules would pass it
    /// unseen. The message names the type and the assembly to add to <see cref="AssemblySet"/>'s search directories.
    /// </summary>
    public static TypeDefinition Resolve(TypeReference reference)
    {
        try
        {
            return reference.Resolve() ?? throw new UnresolvableTypeException(reference, reference.Scope?.ToString() ?? "unknown scope", null);
        }
        catch (AssemblyResolutionException ex)
        {
            throw new UnresolvableTypeException(reference, ex.AssemblyReference.FullName, ex);
        }
    }
}

/// <summary>The scanner met a type it cannot resolve; the rules cannot vouch for what it derives from.</summary>
public sealed class UnresolvableTypeException(TypeReference reference, string assembly, Exception? inner)
    : Exception($"The architecture scanner cannot resolve {reference.FullName} from {assembly}; its base types and interfaces would escape the rules. Make that assembly resolvable (AssemblySet search directories).", inner);
