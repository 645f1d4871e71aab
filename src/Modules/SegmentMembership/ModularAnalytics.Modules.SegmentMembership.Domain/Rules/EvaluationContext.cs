namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

/// <summary>The environment an identity is evaluated in; its values are what <c>$.environment.*</c> resolves to.</summary>
public sealed record EnvironmentContext(string Key, string Name);

/// <summary>
/// An identity as segments see it. An empty or missing <see cref="Key"/> means the default
/// <c>&lt;environment key&gt;_&lt;identifier&gt;</c>, as Flagsmith enriches it.
/// </summary>
public sealed record IdentityContext(string Identifier, string? Key, IReadOnlyDictionary<string, TraitValue> Traits)
{
    public string EffectiveKey(EnvironmentContext environment) =>
        string.IsNullOrEmpty(Key) ? environment.Key + "_" + Identifier : Key;
}
