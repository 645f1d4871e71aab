namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

/// <summary>A problem with a rule tree; <see cref="Path"/> is like <c>rules[0].conditions[2].value</c>.</summary>
public sealed record SegmentRuleError(string Path, string Message);
