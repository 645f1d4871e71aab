using ModularAnalytics.ArchitectureTests.Scanning;

namespace ModularAnalytics.ArchitectureTests.Rules;

/// <summary>
/// "Types in these namespaces must not use those types": a source selector and a list of forbidden targets,
/// checked against the edges <see cref="DependencyScanner"/> found.
/// </summary>
public sealed class DependencyRule
{
    private readonly Func<string, bool> _appliesTo;
    private readonly List<(string Description, Func<Dependency, bool> Matches)> _forbidden = [];
    private readonly Dictionary<string, string> _allowed = new(StringComparer.Ordinal);

    private DependencyRule(string name, Func<string, bool> appliesTo)
    {
        Name = name;
        _appliesTo = appliesTo;
    }

    public string Name { get; }

    /// <summary>Source types exempt from the rule, each with the reason it is tolerated for now.</summary>
    public IReadOnlyDictionary<string, string> Allowed => _allowed;

    /// <summary>Starts a rule over the types whose namespace satisfies <paramref name="sourceNamespace"/>.</summary>
    public static DependencyRule For(string name, Func<string, bool> sourceNamespace) => new(name, sourceNamespace);

    public DependencyRule MustNotUse(string description, Func<Dependency, bool> target)
    {
        _forbidden.Add((description, target));
        return this;
    }

    /// <summary>Forbids types in, or referenced from assemblies named after, these namespaces (prefix match on whole segments).</summary>
    public DependencyRule MustNotUseNamespaces(params string[] prefixes) =>
        MustNotUse(string.Join(", ", prefixes), d => prefixes.Any(p =>
            CecilNames.IsWithin(d.TargetNamespace, p) || CecilNames.IsWithin(d.TargetAssembly, p)));

    /// <summary>Exempts one type (its full name), with a reason that says why and until when.</summary>
    public DependencyRule Allowing(string sourceType, string reason)
    {
        _allowed.Add(sourceType, reason);
        return this;
    }

    public IReadOnlyList<Violation> Check(IEnumerable<Dependency> dependencies) =>
        Breaches(dependencies)
            .Where(d => !_allowed.ContainsKey(d.Source))
            .GroupBy(d => (d.Source, d.Target))
            .OrderBy(g => g.Key.Source, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Target, StringComparer.Ordinal)
            .Select(g => new Violation(
                Name,
                g.Key.Source,
                g.Key.Target,
                "via " + string.Join("; ", g.Select(d => d.Location).Distinct().Order(StringComparer.Ordinal))))
            .ToList();

    /// <summary>Allow-list entries that no longer break the rule: they must go, so the list never outlives its reasons.</summary>
    public IReadOnlyList<string> UnusedAllowances(IEnumerable<Dependency> dependencies)
    {
        var breaking = Breaches(dependencies).Select(d => d.Source).ToHashSet(StringComparer.Ordinal);
        return [.. _allowed.Keys.Where(type => !breaking.Contains(type)).Order(StringComparer.Ordinal)];
    }

    private IEnumerable<Dependency> Breaches(IEnumerable<Dependency> dependencies) =>
        dependencies.Where(d => _appliesTo(d.SourceNamespace) && _forbidden.Any(f => f.Matches(d)));
}
