using Mono.Cecil;
using ModularAnalytics.ArchitectureTests.Scanning;
using static ModularAnalytics.ArchitectureTests.Rules.LayerOf;

namespace ModularAnalytics.ArchitectureTests.Rules;

/// <summary>The rules of the modular monolith, written once and run against the real assemblies and the fixtures.</summary>
public static class ArchitectureRules
{
    private const string EfCore = "Microsoft.EntityFrameworkCore";
    private const string AspNetCore = "Microsoft.AspNetCore";
    private const string Sqlite = "Microsoft.Data.Sqlite";
    private const string Npgsql = "Npgsql";
    private const string MediatR = "MediatR";

    public const string RequestHandler = "MediatR.IRequestHandler`2";
    public const string Request = "MediatR.IRequest`1";
    public const string AbstractValidator = "FluentValidation.AbstractValidator`1";
    public const string Validator = "FluentValidation.IValidator`1";
    public const string EndpointModule = "ModularAnalytics.BuildingBlocks.Api.Endpoints.IEndpointModule";

    /// <summary>
    /// The domain is plain C#: no persistence, no web, and no MediatR either — domain events, when they come, are
    /// domain types that the application layer publishes, so the model does not depend on a messaging library.
    /// </summary>
    public static DependencyRule DomainIsPure { get; } =
        DependencyRule.For("Domain depends on nothing outside the domain", ns => IsModuleLayer(ns, Domain) || IsBuildingBlockLayer(ns, Domain))
            .MustNotUse("Application, Infrastructure or Api of any module", d => IsModuleLayer(d.TargetNamespace, Application, Infrastructure, Api))
            .MustNotUse("building blocks other than Domain", d => IsBuildingBlockLayer(d.TargetNamespace, Application, Infrastructure, Api, "ClickHouse"))
            .MustNotUseNamespaces(EfCore, AspNetCore, MediatR, Sqlite, Npgsql);

    public static DependencyRule ApplicationIsInfrastructureFree { get; } =
        DependencyRule.For("Application depends on no infrastructure", ns => IsModuleLayer(ns, Application) || IsBuildingBlockLayer(ns, Application))
            .MustNotUse("Infrastructure or Api of any module", d => IsModuleLayer(d.TargetNamespace, Infrastructure, Api))
            .MustNotUse("infrastructure building blocks", d => IsBuildingBlockLayer(d.TargetNamespace, Infrastructure, Api, "ClickHouse"))
            .MustNotUseNamespaces(EfCore, AspNetCore, Sqlite, Npgsql);

    /// <summary>Modules talk to each other only through Contracts; Contracts stand alone.</summary>
    public static DependencyRule ModulesMeetThroughContracts { get; } =
        DependencyRule.For("Modules use other modules only through their Contracts", ns => Namespace(ns) is { IsModule: true })
            .MustNotUse("another module's Domain, Application, Infrastructure or Api", d =>
                Namespace(d.SourceNamespace) is { } source
                && Namespace(d.TargetNamespace) is { IsModule: true } target
                && target.Module != source.Module
                && target.Layer != Contracts);

    public static DependencyRule ContractsStandAlone { get; } =
        DependencyRule.For("Contracts reference no other module and no inner layer", ns => IsModuleLayer(ns, Contracts))
            .MustNotUse("another module, or a layer of its own module other than Contracts", d =>
                Namespace(d.SourceNamespace) is { } source
                && Namespace(d.TargetNamespace) is { IsModule: true } target
                && (target.Module != source.Module || target.Layer != Contracts));

    public static DependencyRule BuildingBlocksKnowNoModule { get; } =
        DependencyRule.For("Building blocks know no module", ns => Namespace(ns) is { IsBuildingBlock: true })
            .MustNotUseNamespaces(ModulesRoot, "ModularAnalytics.Host");

    public static IReadOnlyList<DependencyRule> DependencyRules { get; } =
        [DomainIsPure, ApplicationIsInfrastructureFree, ModulesMeetThroughContracts, ContractsStandAlone, BuildingBlocksKnowNoModule];

    /// <summary>Handlers, validators and endpoint modules are found by scanning; nothing else should be able to new them up.</summary>
    public static TypeRule PlumbingIsInternal { get; } = new(
        "Handlers, validators and endpoint modules are not public",
        t => IsOurs(t) && t.IsClass && !t.IsAbstract,
        t => TypeHierarchy.IsEffectivelyPublic(t)
            ? new[] { RequestHandler, AbstractValidator, Validator, EndpointModule }
                .Where(contract => TypeHierarchy.IsAssignableTo(t, contract))
                .Take(1)
                .Select(contract => (contract, "is public; make it internal"))
            : []);

    public static TypeRule RequestsAreImmutable { get; } = new(
        "Commands and queries are immutable",
        t => IsOurs(t) && !t.IsInterface && TypeHierarchy.IsAssignableTo(t, Request),
        MutableMembers);

    public static IReadOnlyList<TypeRule> TypeRules { get; } = [PlumbingIsInternal, RequestsAreImmutable];

    private static bool IsOurs(TypeDefinition type) => CecilNames.IsWithin(CecilNames.Namespace(type), "ModularAnalytics");

    private static IEnumerable<(string Subject, string Detail)> MutableMembers(TypeDefinition type)
    {
        // Inherited members count too, as far as the solution's own base types go.
        for (TypeDefinition? current = type; current is not null && IsOurs(current); current = TryResolve(current.BaseType))
        {
            foreach (var property in current.Properties)
            {
                if (property.SetMethod is { } setter && IsVisibleOutside(setter) && !IsInitOnly(setter))
                {
                    yield return ($"property {property.Name}", "has a public or protected setter; use init or a positional record");
                }
            }

            foreach (var field in current.Fields)
            {
                if (!field.IsInitOnly && !field.IsLiteral && (field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly))
                {
                    yield return ($"field {field.Name}", "is a writable public or protected field; make it readonly");
                }
            }
        }
    }

    private static bool IsVisibleOutside(MethodDefinition method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static bool IsInitOnly(MethodDefinition setter) =>
        setter.ReturnType is RequiredModifierType { ModifierType.FullName: "System.Runtime.CompilerServices.IsExternalInit" };

    private static TypeDefinition? TryResolve(TypeReference? reference) => reference is null ? null : TypeHierarchy.Resolve(reference);
}
