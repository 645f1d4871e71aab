using Mono.Cecil;
using ModularAnalytics.ArchitectureTests.Scanning;

namespace ModularAnalytics.ArchitectureTests.Rules;

/// <summary>"Types that are X must be Y": a selector over the types a developer wrote and the problems found in each.</summary>
public sealed class TypeRule(string name, Func<TypeDefinition, bool> appliesTo, Func<TypeDefinition, IEnumerable<(string Subject, string Detail)>> problems)
{
    public string Name { get; } = name;

    public IReadOnlyList<Violation> Check(IEnumerable<AssemblyDefinition> assemblies) =>
        assemblies
            .SelectMany(a => a.Modules)
            .SelectMany(m => DependencyScanner.AllTypes(m.Types))
            .Where(t => t.Name != "<Module>" && ReferenceEquals(DependencyScanner.UserVisibleType(t), t))
            .Where(appliesTo)
            .SelectMany(t => problems(t).Select(p => new Violation(Name, CecilNames.FullName(t), p.Subject, p.Detail)))
            .OrderBy(v => v.Type, StringComparer.Ordinal)
            .ThenBy(v => v.Subject, StringComparer.Ordinal)
            .ToList();
}
