namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

public enum SegmentRuleType
{
    All,
    Any,
    None,
}

/// <summary>
/// One node of a segment's rule tree (Flagsmith's shape). A rule holds when its conditions combine to true under
/// <see cref="Type"/> and its sub-rules do too; an empty list of either counts as true.
/// </summary>
public sealed record SegmentRule(SegmentRuleType Type, IReadOnlyList<SegmentCondition> Conditions, IReadOnlyList<SegmentRule> Rules)
{
    public static SegmentRule All(params SegmentCondition[] conditions) => new(SegmentRuleType.All, conditions, []);

    public static SegmentRule Any(params SegmentCondition[] conditions) => new(SegmentRuleType.Any, conditions, []);

    public static SegmentRule None(params SegmentCondition[] conditions) => new(SegmentRuleType.None, conditions, []);

    public SegmentRule WithRules(params SegmentRule[] rules) => this with { Rules = rules };
}

/// <summary>
/// A condition. <see cref="Operator"/> stays a string so an unknown operator survives parsing and is reported by the
/// validator (engines treat it as never matching). <see cref="Value"/> is the condition's text; <see cref="ValueItems"/>
/// is set instead when the value was a JSON array (IN only), each element already rendered as Python's <c>str()</c> would.
/// </summary>
public sealed record SegmentCondition(string Operator, string Property, string? Value, IReadOnlyList<string>? ValueItems = null)
{
    public SegmentOperator? ParsedOperator => SegmentOperators.TryParse(Operator, out var op) ? op : null;

    public bool IsSemver => Value is { Length: >= 7 } v && v.EndsWith(":semver", StringComparison.Ordinal);
}

public enum SegmentOperator
{
    Equal,
    NotEqual,
    GreaterThan,
    GreaterThanInclusive,
    LessThan,
    LessThanInclusive,
    Contains,
    NotContains,
    Regex,
    IsSet,
    IsNotSet,
    Modulo,
    In,
    PercentageSplit,
}

public static class SegmentOperators
{
    private static readonly Dictionary<string, SegmentOperator> ByName = new(StringComparer.Ordinal)
    {
        ["EQUAL"] = SegmentOperator.Equal,
        ["NOT_EQUAL"] = SegmentOperator.NotEqual,
        ["GREATER_THAN"] = SegmentOperator.GreaterThan,
        ["GREATER_THAN_INCLUSIVE"] = SegmentOperator.GreaterThanInclusive,
        ["LESS_THAN"] = SegmentOperator.LessThan,
        ["LESS_THAN_INCLUSIVE"] = SegmentOperator.LessThanInclusive,
        ["CONTAINS"] = SegmentOperator.Contains,
        ["NOT_CONTAINS"] = SegmentOperator.NotContains,
        ["REGEX"] = SegmentOperator.Regex,
        ["IS_SET"] = SegmentOperator.IsSet,
        ["IS_NOT_SET"] = SegmentOperator.IsNotSet,
        ["MODULO"] = SegmentOperator.Modulo,
        ["IN"] = SegmentOperator.In,
        ["PERCENTAGE_SPLIT"] = SegmentOperator.PercentageSplit,
    };

    private static readonly Dictionary<SegmentOperator, string> ToName = ByName.ToDictionary(p => p.Value, p => p.Key);

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool TryParse(string? name, out SegmentOperator op) => ByName.TryGetValue(name ?? string.Empty, out op);

    public static string Name(SegmentOperator op) => ToName[op];
}
