namespace ModularAnalytics.ArchitectureTests.Rules;

/// <summary>One broken rule: the offending type, what it uses or is, and where.</summary>
public sealed record Violation(string Rule, string Type, string Subject, string Detail)
{
    public override string ToString() => $"{Type} -> {Subject} ({Detail})";
}

public static class ViolationReport
{
    /// <summary>A failure message listing every violation, one per line, so a single run shows all of them.</summary>
    public static string Describe(string rule, IReadOnlyCollection<Violation> violations) =>
        $"Rule '{rule}' is broken {violations.Count} time(s):{Environment.NewLine}"
        + string.Join(Environment.NewLine, violations.Select(v => "  " + v));
}
