using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

/// <summary>A segment to compile: <see cref="Key"/> salts PERCENTAGE_SPLIT; <see cref="Label"/> names its result column.</summary>
internal sealed record SegmentToCompile(string Label, string Key, IReadOnlyList<SegmentRule> Rules);
