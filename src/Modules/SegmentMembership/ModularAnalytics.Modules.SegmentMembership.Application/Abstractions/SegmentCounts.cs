namespace ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

/// <summary>One environment's counts, keyed by segment id, and why the segments that could not be counted failed.</summary>
internal sealed record SegmentCounts(IReadOnlyDictionary<int, long> Counts, IReadOnlyDictionary<int, string> Failures);
