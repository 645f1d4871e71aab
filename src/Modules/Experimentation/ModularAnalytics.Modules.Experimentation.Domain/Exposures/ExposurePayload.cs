namespace ModularAnalytics.Modules.Experimentation.Domain.Exposures;

/// <summary>The computed exposures of an experiment (the contract's <c>payload</c>).</summary>
public sealed record ExposurePayload(
    ExposureGranularity Granularity,
    long TotalIdentities,
    long ExcludedIdentities,
    IReadOnlyDictionary<string, long> Variants,
    IReadOnlyList<ExposurePoint> Timeseries,
    SampleRatioMismatchResult SampleRatioMismatch)
{
    /// <summary>The key of quarantined identities: those exposed to more than one value.</summary>
    public const string Multiple = "$multiple";
}

/// <summary>Identities first exposed up to the end of <see cref="Bucket"/>, per key.</summary>
public sealed record ExposurePoint(DateTime Bucket, IReadOnlyDictionary<string, long> CumulativeIdentities);

public sealed record SampleRatioMismatchResult(double? PValue, IReadOnlyDictionary<string, double> Expected, string Status)
{
    public const string Healthy = "healthy";
    public const string Mismatch = "mismatch";
    public const string NotEnoughTraffic = "not-enough-traffic";
}
