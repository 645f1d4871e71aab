namespace ModularAnalytics.Modules.Datar.Application.Abstractions;

/// <summary>Evaluations of one (flag, hour, variant, segment), as one flush adds them to the store.</summary>
/// <param name="HourBucket">Whole hours since the Unix epoch, UTC.</param>
internal sealed record HourlyCount(int FlagId, long HourBucket, int VariantId, int SegmentId, long Count, long LastSeenUnixSeconds);
