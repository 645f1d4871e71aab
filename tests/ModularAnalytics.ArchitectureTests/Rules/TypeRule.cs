using Mono.Cecil;
using ModularAnalytics.ArchitectureTests.Scanning;

namespace ModularAnalytics.ArchitectureTests.Rules;

/// <summary>"Types that are X must be Y": a selector over the types a developer wrote and the problems found in each.</summary>
public sealed class TypeRule(string name, Func<TypeDefinition, bool> appliesTo, Func<TypeDefinition, IEnumerable<(string Subject, string Detail)>> problems)
{
    private readonly Dictionary<string, string> _allowed = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    /// <summary>Types exempt from the rule, each with the reason it is tolerated for now.</summary>
    public IReadOnlyDictionary<string, string> Allowed => _allowed;

    /// <summary>Exempts one type (its full name), with a reason that says why and until when.</summary>
    public TypeRule Allowing(string type, string reason)
    {
        _allowed.Add(type, reason);
        return this;
    }

    public IReadOnlyList<Violation> Check(IEnumerable<AssemblyDefinition> assemblies) =>
        Breaches(assemblies).Where(v => !_allowed.ContainsKey(v.Type)).ToList();

    /// <summary>Allow-list entries that no longer break the rule: they must go, so the list never outlives its reasons.</summary>
    public IReadOnlyList<string> UnusedAllowances(IEnumerable<AssemblyDefinition> assemblies)
    {
        var breaking = Breaches(assemblies).Select(v => v.Type).ToHashSet(StringComparer.Ordinal);
        return [.. _allowed.Keys.Where(type => !breaking.Contains(type)).Order(StringComparer.Ordinal)];
    }

    private IEnumerable<Violation> Breaches(IEnumerable<AssemblyDefinition> assemblies) =>
        assemblies
            .SelectMany(a => a.Modules)
            .SelectMany(m => DependencyScanner.AllTypes(m.Types))
            .Where(t => t.Name != "<Module>" && ReferenceEquals(DependencyScanner.UserVisibleType(t), t))
            .Where(appliesTo)
            .SelectMany(t => problems(t).Select(p => new Violation(Name, CecilNames.FullName(t), p.Subject, p.Detail)))
            .OrderBy(v => v.Type, StringComparer.Ordinal)
            .ThenBy(v => v.Subject, StringComparer.Ordinal);
}
