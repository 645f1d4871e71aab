using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

/// <summary>An environment as the pipeline needs it: its id, and the key and name that <c>$.environment.*</c> resolve to.</summary>
internal sealed record EnvironmentRef(int Id, string Key, string Name)
{
    public EnvironmentContext Context => new(Key, Name);
}
