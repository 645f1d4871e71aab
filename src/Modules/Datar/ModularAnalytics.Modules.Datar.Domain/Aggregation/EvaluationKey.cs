namespace ModularAnalytics.Modules.Datar.Domain.Aggregation;

/// <summary>What one evaluation is counted under: flag, variant, segment (0 = none matched) and UTC hour.</summary>
/// <param name="HourBucket">Whole hours since the Unix epoch, UTC.</param>
public readonly record struct EvaluationKey(int FlagId, int VariantId, int SegmentId, long HourBucket)
{
    public static long HourOf(DateTimeOffset timestamp) =>
        Math.DivRem(timestamp.ToUnixTimeSeconds(), 3600, out var remainder) - (remainder < 0 ? 1 : 0);

    public static DateTime StartOfHour(long hourBucket) => DateTime.UnixEpoch.AddHours(hourBucket);

    public override int GetHashCode() => HashCode.Combine(FlagId, VariantId, SegmentId, HourBucket);

    public bool Equals(EvaluationKey other) =>
        FlagId == other.FlagId && VariantId == other.VariantId && SegmentId == other.SegmentId && HourBucket == other.HourBucket;
}
