using MathNet.Numerics;
using ModularAnalytics.Modules.Experimentation.Domain.Experiments;

namespace ModularAnalytics.Modules.Experimentation.Domain.Exposures;

/// <summary>Pearson's chi-square goodness-of-fit of observed variant counts against the configured weights.</summary>
public static class SampleRatioMismatch
{
    public const double Threshold = 0.001;

    public static SampleRatioMismatchResult Check(IReadOnlyList<ExperimentVariant> variants, IReadOnlyDictionary<string, long> observed, long minimumIdentities)
    {
        var total = variants.Sum(v => observed.GetValueOrDefault(v.Key));
        var weights = variants.Sum(v => v.Weight);
        var expected = new Dictionary<string, double>(variants.Count, StringComparer.Ordinal);
        var statistic = 0.0;
        foreach (var variant in variants)
        {
            var e = total * variant.Weight / weights;
            expected[variant.Key] = e;
            if (e > 0)
            {
                var d = observed.GetValueOrDefault(variant.Key) - e;
                statistic += d * d / e;
            }
        }

        double? pValue = total == 0 ? null : UpperTail(statistic, variants.Count - 1);
        var status = total < minimumIdentities ? SampleRatioMismatchResult.NotEnoughTraffic
            : pValue < Threshold ? SampleRatioMismatchResult.Mismatch
            : SampleRatioMismatchResult.Healthy;
        return new SampleRatioMismatchResult(pValue, expected, status);
    }

    /// <summary>
    /// P(X ≥ statistic) for chi-square with <paramref name="degreesOfFreedom"/>, as the regularized upper incomplete
    /// gamma Q(k/2, x/2): unlike 1 − CDF it keeps its precision far into the tail (p-values well below 1e-16).
    /// </summary>
    public static double UpperTail(double statistic, int degreesOfFreedom) =>
        degreesOfFreedom <= 0 || statistic <= 0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2.0, statistic / 2.0);
}
