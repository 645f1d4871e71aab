using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

/// <summary>A segment ready for the warehouse: its id, percentage-split salt and parsed rules.</summary>
internal sealed record SegmentDefinition(int Id, string Key, IReadOnlyList<SegmentRule> Rules);
