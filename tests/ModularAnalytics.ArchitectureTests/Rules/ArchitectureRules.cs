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

    /// <summary>Endpoints and pages reach stores and adapters only through the application layer's requests and ports.</summary>
    public static DependencyRule ApiIsInfrastructureFree { get; } =
        DependencyRule.For("Api depends on no Infrastructure", ns => IsModuleLayer(ns, Api) || IsBuildingBlockLayer(ns, Api))
            .MustNotUse("Infrastructure of any module", d => IsModuleLayer(d.TargetNamespace, Infrastructure))
            .MustNotUse("infrastructure building blocks", d => IsBuildingBlockLayer(d.TargetNamespace, Infrastructure));

    /// <summary>
    /// Application code gets what it needs through its constructor; looking services up in the container hides
    /// dependencies from the reader and from these tests. Composition (scopes, factories) belongs in Infrastructure.
    /// </summary>
    public static DependencyRule ApplicationAvoidsTheContainer { get; } =
        DependencyRule.For("Application does not use the DI container", ns => IsModuleLayer(ns, Application) || IsBuildingBlockLayer(ns, Application))
            .MustNotUse("IServiceProvider or IServiceScopeFactory; take the dependency in the constructor", d => ContainerTypes.Contains(d.Target));

    public static IReadOnlyList<DependencyRule> DependencyRules { get; } =
    [
        DomainIsPure, ApplicationIsInfrastructureFree, ModulesMeetThroughContracts, ContractsStandAlone, BuildingBlocksKnowNoModule,
        ApiIsInfrastructureFree, ApplicationAvoidsTheContainer,
    ];

    private static readonly string[] ContainerTypes =
    [
        "System.IServiceProvider",
        "Microsoft.Extensions.DependencyInjection.IServiceScopeFactory",
        "Microsoft.Extensions.DependencyInjection.IServiceScope",
        "Microsoft.Extensions.DependencyInjection.AsyncServiceScope",
        "Microsoft.Extensions.DependencyInjection.IKeyedServiceProvider",
        "Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions",
        "Microsoft.Extensions.DependencyInjection.ServiceProviderKeyedServiceExtensions",
    ];

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

    /// <summary>
    /// A type's suffix says what it is: request handlers end in Handler, validators in Validator, endpoint modules in
    /// Endpoint, and configuration (a type that names its section, or calls itself settings/config) in Options.
    /// </summary>
    public static TypeRule NamesCarryTheirRole { get; } = new TypeRule(
        "Handlers, validators, endpoints and options carry their suffix",
        t => IsOurs(t) && t.IsClass && !t.IsAbstract,
        WrongSuffixes);

    public static IReadOnlyList<TypeRule> TypeRules { get; } = [PlumbingIsInternal, RequestsAreImmutable, NamesCarryTheirRole];

    /// <summary>Files in src/ that may stay over <see cref="MaxFileLines"/> lines, and why (none today).</summary>
    public static IReadOnlyDictionary<string, string> LongFiles { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public const int MaxFileLines = 400;

    public static FileSizeRule SourceFilesStayShort { get; } = new("No file in src/ over 400 lines", MaxFileLines, LongFiles);

    private static readonly (string Contract, string Suffix)[] RoleSuffixes =
    [
        (RequestHandler, "Handler"),
        (AbstractValidator, "Validator"),
        (Validator, "Validator"),
        (EndpointModule, "Endpoint"),
    ];

    private static IEnumerable<(string Subject, string Detail)> WrongSuffixes(TypeDefinition type)
    {
        var name = type.Name.Split('`')[0];
        foreach (var (contract, suffix) in RoleSuffixes)
        {
            if (TypeHierarchy.IsAssignableTo(type, contract) && !name.EndsWith(suffix, StringComparison.Ordinal))
            {
                yield return (contract, $"is a {contract.Split('.')[^1].Split('`')[0]}; name it …{suffix}");
                yield break;
            }
        }

        var namesSection = type.Fields.Any(f => f.IsLiteral && f.Name is "Section" or "SectionName");
        var soundsLikeConfiguration = name.EndsWith("Settings", StringComparison.Ordinal) || name.EndsWith("Config", StringComparison.Ordinal);
        if ((namesSection || soundsLikeConfiguration) && !name.EndsWith("Options", StringComparison.Ordinal))
        {
            yield return ("configuration", "is configuration; name it …Options");
        }
    }

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
