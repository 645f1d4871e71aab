using ModularAnalytics.ArchitectureTests.Rules;
using ModularAnalytics.ArchitectureTests.Scanning;
using Mono.Cecil;

namespace ModularAnalytics.ArchitectureTests;

/// <summary>
/// A type whose base lives in an assembly the scanner cannot load must fail the run, not slip past the rules
/// (it used to be skipped, so e.g. a public handler deriving from an unresolvable base passed every type rule).
/// </summary>
public sealed class ScannerResolutionSelfTests : IDisposable
{
    private const string GhostType = "ModularAnalytics.Modules.Ghost.Application.GhostHandler";
    private readonly string _directory = Directory.CreateTempSubdirectory("ma-arch-").FullName;

    [Fact]
    public void A_base_type_from_a_missing_assembly_fails_the_type_rules_naming_it()
    {
        using var set = AssemblySet.Load([WriteAssemblyWithUnresolvableBase()]);

        foreach (var rule in ArchitectureRules.TypeRules)
        {
            var error = Assert.Throws<UnresolvableTypeException>(() => rule.Check(set.Assemblies));
            Assert.Contains("Missing.Assembly", error.Message, StringComparison.Ordinal);
            Assert.Contains("Missing.Base", error.Message, StringComparison.Ordinal);
        }

        var ghost = set.Assemblies.Single().MainModule.GetType(GhostType);
        Assert.Throws<UnresolvableTypeException>(() => TypeHierarchy.Ancestors(ghost).ToList());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteAssemblyWithUnresolvableBase()
    {
        using var assembly = AssemblyDefinition.CreateAssembly(
            new AssemblyNameDefinition("ModularAnalytics.Modules.Ghost.Application", new Version(1, 0)), "ModularAnalytics.Modules.Ghost.Application", ModuleKind.Dll);
        var module = assembly.MainModule;
        var missing = new AssemblyNameReference("Missing.Assembly", new Version(1, 0, 0, 0));
        module.AssemblyReferences.Add(missing);
        var baseType = new TypeReference("Missing", "Base", module, missing);
        var ghost = new TypeDefinition("ModularAnalytics.Modules.Ghost.Application", "GhostHandler", TypeAttributes.Public | TypeAttributes.Class, module.ImportReference(baseType));
        module.Types.Add(ghost);
        var path = Path.Combine(_directory, "ModularAnalytics.Modules.Ghost.Application.dll");
        assembly.Write(path);
        return path;
    }
}
