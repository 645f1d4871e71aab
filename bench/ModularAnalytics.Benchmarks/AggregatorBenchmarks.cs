using BenchmarkDotNet.Attributes;
using ModularAnalytics.Modules.Datar.Domain.Aggregation;

namespace ModularAnalytics.Benchmarks;

/// <summary>Issue 3 target: at most 25 ns and no allocation per record on an existing key, single thread.</summary>
[MemoryDiagnoser]
public class AggregatorBenchmarks
{
    private const int Operations = 1024;
    private readonly HourlyEvaluationAggregator _aggregator = new();
    private EvaluationKey[] _keys = [];

    [GlobalSetup]
    public void Setup()
    {
        // 64 existing keys, as a hot service would hold for a handful of flags in the current hour.
        _keys = Enumerable.Range(0, Operations)
            .Select(i => new EvaluationKey(FlagId: 1 + (i % 8), VariantId: 10 + (i % 4), SegmentId: i % 2, HourBucket: 495_000))
            .ToArray();
        foreach (var key in _keys)
        {
            _aggregator.Record(key, 1_782_000_000);
        }
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public void RecordExistingKey()
    {
        var keys = _keys;
        for (var i = 0; i < keys.Length; i++)
        {
            _aggregator.Record(keys[i], 1_782_000_000 + (i >> 6));
        }
    }
}
