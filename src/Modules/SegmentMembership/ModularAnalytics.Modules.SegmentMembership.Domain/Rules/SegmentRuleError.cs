namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

/// <summary>A problem with a rule tree; <see cref="Path"/> is like <c>rules[0].conditions[2].value</c>.</summary>
public sealed record SegmentRuleError(string Path, string Message)
{
    /// <summary>
    /// A malformed MODULO, PERCENTAGE_SPLIT or <c>:semver</c> value: Flagsmith accepts it and evaluates the condition as
    /// never matching (its engine-test-data has such segments, e.g. <c>test_modulo_condition_invalid_format</c>), and
    /// both our engines do the same; so such a value is stored, not refused.
    /// </summary>
    public bool NeverMatching { get; init; }
}
