using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;
using ModularAnalytics.Modules.SegmentMembership.Domain.Segments;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

/// <summary>A segment ready for the warehouse: its id, percentage-split salt and parsed rules.</summary>
internal sealed record SegmentDefinition(int Id, string Key, IReadOnlyList<SegmentRule> Rules)
{
    public static SegmentDefinition From(Segment segment) => new(segment.Id, segment.EffectiveKey, segment.ParseRules());
}
