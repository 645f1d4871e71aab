using ModularAnalytics.Modules.Experimentation.Domain.Experiments;
using ModularAnalytics.Modules.Experimentation.Domain.Exposures;

namespace ModularAnalytics.Experimentation.Tests.Domain;

/// <summary>
/// Reference p-values from the chi-square upper tail's closed forms, evaluated with CPython's math module
/// (independent of MathNet): df 1: erfc(sqrt(x/2)); df 2: exp(-x/2); df 4: exp(-x/2)(1 + x/2).
/// </summary>
public sealed class SampleRatioMismatchTests
{
    public static TheoryData<double[], long[], double> Cases => new()
    {
        // 2 variants, df 1: x = 1.6 and x = 90.
        { [1, 1], [520, 480], 0.20590321073206833 },
        { [1, 1], [650, 350], 2.3816001643962883e-21 },
        { [50, 50], [600, 400], 2.53962858947086e-10 },
        // 3 variants, df 2: x = 0.8 and x = 120.
        { [1, 1, 2], [260, 240, 500], 0.6703200460356393 },
        { [1, 1, 2], [400, 200, 400], 8.75651076269652e-27 },
        // 5 variants, df 4: x = 1.25 and x = 23.5.
        { [1, 1, 1, 1, 1], [210, 190, 205, 195, 200], 0.8697998213433592 },
        { [2, 1, 1, 1, 1], [150, 130, 110, 100, 110], 0.00010058889154680285 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void P_values_match_the_closed_forms(double[] weights, long[] observed, double expectedP)
    {
        var (variants, counts) = Setup(weights, observed);
        var result = SampleRatioMismatch.Check(variants, counts, 100);
        Assert.NotNull(result.PValue);
        Assert.True(Math.Abs(result.PValue!.Value - expectedP) <= expectedP * 1e-9, $"p = {result.PValue:R}, expected {expectedP:R}");
        Assert.Equal(expectedP < 0.001 ? SampleRatioMismatchResult.Mismatch : SampleRatioMismatchResult.Healthy, result.Status);
    }

    [Fact]
    public void Expected_counts_follow_the_weights()
    {
        var (variants, counts) = Setup([2, 1, 1], [500, 250, 250]);
        var result = SampleRatioMismatch.Check(variants, counts, 100);
        Assert.Equal(new Dictionary<string, double> { ["v0"] = 500, ["v1"] = 250, ["v2"] = 250 }, result.Expected);
        Assert.Equal(1.0, result.PValue);
        Assert.Equal(SampleRatioMismatchResult.Healthy, result.Status);
    }

    [Fact]
    public void Under_the_minimum_is_not_enough_traffic_even_when_skewed()
    {
        var (variants, counts) = Setup([1, 1], [99, 0]);
        var result = SampleRatioMismatch.Check(variants, counts, 100);
        Assert.Equal(SampleRatioMismatchResult.NotEnoughTraffic, result.Status);
        Assert.True(result.PValue < 0.001);

        Assert.Equal(SampleRatioMismatchResult.Mismatch, SampleRatioMismatch.Check(variants, Setup([1, 1], [100, 0]).Counts, 100).Status);
    }

    [Fact]
    public void No_traffic_has_no_p_value()
    {
        var (variants, counts) = Setup([1, 3], [0, 0]);
        var result = SampleRatioMismatch.Check(variants, counts, 100);
        Assert.Null(result.PValue);
        Assert.Equal(SampleRatioMismatchResult.NotEnoughTraffic, result.Status);
        Assert.Equal(new Dictionary<string, double> { ["v0"] = 0, ["v1"] = 0 }, result.Expected);
    }

    private static (List<ExperimentVariant> Variants, Dictionary<string, long> Counts) Setup(double[] weights, long[] observed) =>
        (weights.Select((w, i) => new ExperimentVariant($"v{i}", w)).ToList(),
         observed.Select((o, i) => (Key: $"v{i}", o)).ToDictionary(x => x.Key, x => x.o));
}
