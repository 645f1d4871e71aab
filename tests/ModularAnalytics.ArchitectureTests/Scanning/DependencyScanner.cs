using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ModularAnalytics.ArchitectureTests.Scanning;

/// <summary>
/// Lists every type each type of an assembly uses, from its metadata and from the IL of its method bodies:
/// base types, interfaces, generic arguments and constraints, members' signatures, attributes (and the types
/// they name), locals, catch clauses and every type, method or field an instruction refers to.
/// </summary>
public static class DependencyScanner
{
    public static IReadOnlyList<Dependency> Scan(IEnumerable<AssemblyDefinition> assemblies) =>
        assemblies.SelectMany(Scan).ToList();

    public static IReadOnlyList<Dependency> Scan(AssemblyDefinition assembly)
    {
        var found = new HashSet<Dependency>();
        foreach (var module in assembly.Modules)
        {
            foreach (var type in AllTypes(module.Types))
            {
                if (type.Name == "<Module>")
                {
                    continue;
                }

                new TypeScan(type, found).Run();
            }
        }

        return found.ToList();
    }

    /// <summary>The type a developer wrote: compiler-generated closures and state machines belong to their declaring type.</summary>
    public static TypeDefinition UserVisibleType(TypeDefinition type)
    {
        while (IsCompilerGenerated(type) && type.DeclaringType is { } declaring)
        {
            type = declaring;
        }

        return type;
    }

    internal static IEnumerable<TypeDefinition> AllTypes(IEnumerable<TypeDefinition> types)
    {
        foreach (var type in types)
        {
            yield return type;
            foreach (var nested in AllTypes(type.NestedTypes))
            {
                yield return nested;
            }
        }
    }

    private static bool IsCompilerGenerated(TypeDefinition type) =>
        type.Name.StartsWith('<')
        || type.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.CompilerGeneratedAttribute");

    /// <summary>"Save" from "&lt;Save&gt;d__3" or "&lt;Save&gt;b__0_1"; null when the name says nothing.</summary>
    private static string? OriginalMethodName(string generatedName)
    {
        if (!generatedName.StartsWith('<'))
        {
            return null;
        }

        var end = generatedName.IndexOf('>', StringComparison.Ordinal);
        return end > 1 ? generatedName[1..end] : null;
    }

    private sealed class TypeScan(TypeDefinition type, HashSet<Dependency> found)
    {
        private readonly TypeDefinition _source = UserVisibleType(type);
        private readonly bool _generated = !ReferenceEquals(UserVisibleType(type), type);

        public void Run()
        {
            var where = _generated ? GeneratedTypeOrigin() : null;
            AddType(type.BaseType, where ?? "base type");
            foreach (var implementation in type.Interfaces)
            {
                AddType(implementation.InterfaceType, where ?? "interface");
                AddAttributes(implementation, where ?? "interface attribute");
            }

            AddAttributes(type, where ?? "attribute");
            AddGenericParameters(type, where ?? "generic constraint");

            foreach (var field in type.Fields)
            {
                var location = _generated
                    ? GeneratedTypeOrigin()
                    : OriginalMethodName(field.Name) is { } property ? $"property {property}" : $"field {field.Name}";
                AddType(field.FieldType, location);
                AddAttributes(field, location + " attribute");
            }

            foreach (var property in type.Properties)
            {
                var location = $"property {property.Name}";
                AddType(property.PropertyType, location);
                foreach (var parameter in property.Parameters)
                {
                    AddType(parameter.ParameterType, location);
                }

                AddAttributes(property, location + " attribute");
            }

            foreach (var @event in type.Events)
            {
                AddType(@event.EventType, $"event {@event.Name}");
                AddAttributes(@event, $"event {@event.Name} attribute");
            }

            foreach (var method in type.Methods)
            {
                ScanMethod(method);
            }
        }

        private bool IsStateMachine => type.Interfaces.Any(i => i.InterfaceType.FullName
            is "System.Runtime.CompilerServices.IAsyncStateMachine" or "System.Collections.IEnumerator");

        private string GeneratedTypeOrigin() =>
            OriginalMethodName(type.Name) is { } name
                ? $"method {name} body ({(IsStateMachine ? "state machine" : "compiler-generated")})"
                : "compiler-generated code";

        private void ScanMethod(MethodDefinition method)
        {
            string origin;
            string? kind;
            if (OriginalMethodName(method.Name) is { } outer)
            {
                origin = $"method {outer}";
                kind = method.Name.Contains(">g__", StringComparison.Ordinal) ? "local function" : "lambda";
            }
            else if (_generated)
            {
                origin = OriginalMethodName(type.Name) is { } name ? $"method {name}" : "compiler-generated code";
                kind = IsStateMachine ? "state machine" : "compiler-generated";
            }
            else
            {
                origin = $"method {method.Name}";
                kind = null;
            }

            var suffix = kind is null ? string.Empty : $" ({kind})";
            var signature = $"{origin} signature{suffix}";
            var attributes = $"{origin} attribute{suffix}";
            AddType(method.ReturnType, signature);
            AddAttributes(method.MethodReturnType, attributes);
            foreach (var parameter in method.Parameters)
            {
                AddType(parameter.ParameterType, signature);
                AddAttributes(parameter, attributes);
            }

            AddAttributes(method, attributes);
            AddGenericParameters(method, $"{origin} generic constraint{suffix}");
            foreach (var overridden in method.Overrides)
            {
                AddMethod(overridden, signature);
            }

            if (!method.HasBody)
            {
                return;
            }

            var body = $"{origin} body{suffix}";
            foreach (var variable in method.Body.Variables)
            {
                AddType(variable.VariableType, body);
            }

            foreach (var handler in method.Body.ExceptionHandlers)
            {
                AddType(handler.CatchType, body);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        AddType(t, body);
                        break;
                    case MethodReference m:
                        AddMethod(m, body);
                        break;
                    case FieldReference f:
                        AddType(f.DeclaringType, body);
                        AddType(f.FieldType, body);
                        break;
                    case CallSite site:
                        AddType(site.ReturnType, body);
                        foreach (var parameter in site.Parameters)
                        {
                            AddType(parameter.ParameterType, body);
                        }

                        break;
                }
            }
        }

        private void AddMethod(MethodReference method, string location)
        {
            AddType(method.DeclaringType, location);
            AddType(method.ReturnType, location);
            foreach (var parameter in method.Parameters)
            {
                AddType(parameter.ParameterType, location);
            }

            if (method is GenericInstanceMethod generic)
            {
                foreach (var argument in generic.GenericArguments)
                {
                    AddType(argument, location);
                }
            }
        }

        private void AddGenericParameters(IGenericParameterProvider provider, string location)
        {
            foreach (var parameter in provider.GenericParameters)
            {
                foreach (var constraint in parameter.Constraints)
                {
                    AddType(constraint.ConstraintType, location);
                }

                AddAttributes(parameter, location);
            }
        }

        private void AddAttributes(ICustomAttributeProvider provider, string location)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                AddType(attribute.AttributeType, location);
                try
                {
                    foreach (var argument in attribute.ConstructorArguments)
                    {
                        AddAttributeArgument(argument, location);
                    }

                    foreach (var named in attribute.Fields.Concat(attribute.Properties))
                    {
                        AddAttributeArgument(named.Argument, location);
                    }
                }
                catch (AssemblyResolutionException ex)
                {
                    // An argument of an enum type from an assembly that is not at hand: its dependencies would go unseen.
                    throw new UnresolvableTypeException(attribute.AttributeType, ex.AssemblyReference.FullName, ex);
                }
            }
        }

        private void AddAttributeArgument(CustomAttributeArgument argument, string location)
        {
            switch (argument.Value)
            {
                case TypeReference type:
                    AddType(type, location);
                    break;
                case CustomAttributeArgument boxed:
                    AddAttributeArgument(boxed, location);
                    break;
                case CustomAttributeArgument[] array:
                    foreach (var item in array)
                    {
                        AddAttributeArgument(item, location);
                    }

                    break;
            }

            AddType(argument.Type, location);
        }

        private void AddType(TypeReference? reference, string location)
        {
            switch (reference)
            {
                case null or GenericParameter:
                    return;
                case GenericInstanceType generic:
                    AddType(generic.ElementType, location);
                    foreach (var argument in generic.GenericArguments)
                    {
                        AddType(argument, location);
                    }

                    return;
                case IModifierType modified:
                    AddType(modified.ModifierType, location);
                    AddType(modified.ElementType, location);
                    return;
                case FunctionPointerType pointer:
                    AddType(pointer.ReturnType, location);
                    foreach (var parameter in pointer.Parameters)
                    {
                        AddType(parameter.ParameterType, location);
                    }

                    return;
                case TypeSpecification specification:
                    AddType(specification.ElementType, location);
                    return;
            }

            if (reference.DeclaringType is { } declaring)
            {
                AddType(declaring, location);
            }

            found.Add(new Dependency(
                CecilNames.FullName(_source),
                CecilNames.Namespace(_source),
                CecilNames.FullName(reference),
                CecilNames.Namespace(reference),
                CecilNames.AssemblyName(reference),
                location));
        }
    }
}
