using ModularAnalytics.Experimentation.Tests.Support;
using ModularAnalytics.Modules.Experimentation.Application.Events;
using ModularAnalytics.Modules.Experimentation.Domain.Experiments;
using ModularAnalytics.Modules.Experimentation.Domain.Exposures;

namespace ModularAnalytics.Experimentation.Tests.Warehouse;

/// <summary>
/// Seeded random event streams: the payload a refresh stores (SQL on the embedded engine + mapper) must equal the one
/// an independent, naive in-memory reading of the contract's rules computes from the same events.
/// </summary>
public sealed class DifferentialTests(WarehouseDatabase db) : IClassFixture<WarehouseDatabase>
{
    private const int Experiments = 220;
    private static readonly DateTime Epoch = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Sql_and_in_memory_payloads_are_identical()
    {
        var random = new Random(20261202);
        var cases = Enumerable.Range(0, Experiments).Select(i => Generate(random, i)).ToList();
        foreach (var chunk in cases.SelectMany(c => c.Events).Chunk(10_000))
        {
            await db.WriteAsync(chunk);
        }

        var compared = 0;
        foreach (var c in cases)
        {
            var actual = await db.PayloadAsync(c.EnvironmentId, c.Flag, c.Variants, c.Window, c.Index);
            var expected = Oracle(c);
            AssertSame(expected, actual, c);
            compared++;
        }

        Assert.Equal(Experiments, compared);
        Assert.Contains(cases, c => c.Window.Granularity == ExposureGranularity.Day);
        Assert.Contains(cases, c => c.Window.End - c.Window.Start == ExposureWindow.MaxHourlyLength);
    }

    private sealed record Case(int Index, int EnvironmentId, string Flag, List<ExperimentVariant> Variants, ExposureWindow Window, List<ExperimentEvent> Events);

    private static Case Generate(Random random, int index)
    {
        var environmentId = 1 + (index % 3);
        var flag = $"flag-{index}";
        var variants = Enumerable.Range(0, random.Next(2, 6)).Select(v => new ExperimentVariant($"v{v}", random.Next(1, 5))).ToList();
        var start = Epoch.AddMilliseconds(random.NextInt64(0, 40L * 24 * 3600 * 1000));
        TimeSpan length = (index % 10) switch
        {
            0 => ExposureWindow.MaxHourlyLength,
            1 => TimeSpan.FromMinutes(random.Next(1, 120)),
            < 5 => TimeSpan.FromHours(random.Next(1, 72)) + TimeSpan.FromMilliseconds(random.Next(0, 3_600_000)),
            _ => TimeSpan.FromHours(random.Next(73, 24 * 40)),
        };
        var window = new ExposureWindow(start, start + length);
        var events = new List<ExperimentEvent>();
        var identities = random.Next(0, 80);
        for (var u = 0; u < identities; u++)
        {
            var identifier = random.Next(4) == 0 ? $"shared-{u}" : $"id-{index}-{u}";
            var preferred = variants[random.Next(variants.Count)].Key;
            for (var k = random.Next(1, 5); k > 0; k--)
            {
                var value = random.Next(20) switch
                {
                    0 => variants[random.Next(variants.Count)].Key,
                    1 => "other-" + random.Next(2),
                    2 => string.Empty,
                    _ => preferred,
                };
                var at = RandomAround(random, window);
                var e = new ExperimentEvent(environmentId, ExperimentEvent.FlagExposure, identifier, flag, value, at, at);
                events.Add(e);
                if (random.Next(5) == 0)
                {
                    events.Add(e);
                }

                // Noise that must not count: another environment, another flag, another event name.
                switch (random.Next(10))
                {
                    case 0: events.Add(e with { EnvironmentId = environmentId + 10 }); break;
                    case 1: events.Add(e with { FeatureName = flag + "x" }); break;
                    case 2: events.Add(e with { Event = "$pageview" }); break;
                }
            }
        }

        return new Case(index, environmentId, flag, variants, window, events);
    }

    /// <summary>Mostly inside the window, some just outside, some exactly on its edges; millisecond precision.</summary>
    private static DateTime RandomAround(Random random, ExposureWindow window) => random.Next(12) switch
    {
        0 => window.Start,
        1 => window.End,
        2 => window.Start.AddMilliseconds(-random.Next(1, 86_400_000)),
        3 => window.End.AddMilliseconds(random.Next(1, 86_400_000)),
        _ => window.Start.AddMilliseconds(random.NextInt64(0, (long)(window.End - window.Start).TotalMilliseconds + 1)),
    };

    private sealed record Oracled(
        ExposureGranularity Granularity, long Total, long Excluded, List<KeyValuePair<string, long>> Variants,
        List<(DateTime Bucket, List<KeyValuePair<string, long>> Counts)> Series, SampleRatioMismatchResult Srm);

    /// <summary>The contract's "How it is computed", read literally, with nothing shared with the production path.</summary>
    private static Oracled Oracle(Case c)
    {
        var hourly = (c.Window.End - c.Window.Start).TotalHours <= 72;
        DateTime Floor(DateTime t) => hourly ? new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc) : new DateTime(t.Year, t.Month, t.Day, 0, 0, 0, DateTimeKind.Utc);

        var identities = c.Events
            .Where(e => e.EnvironmentId == c.EnvironmentId && e.Event == "$flag_exposure" && e.FeatureName == c.Flag && e.Value.Length > 0
                && e.Timestamp >= c.Window.Start && e.Timestamp <= c.Window.End)
            .GroupBy(e => e.Identifier)
            .Select(g =>
            {
                var values = g.Select(e => e.Value).Distinct().ToList();
                return (First: g.Min(e => e.Timestamp), Key: values.Count > 1 ? "$multiple" : values[0]);
            })
            .ToList();

        var configured = c.Variants.Select(v => v.Key).ToList();
        var others = identities.Select(i => i.Key).Where(k => k != "$multiple" && !configured.Contains(k)).Distinct().OrderBy(k => k, StringComparer.Ordinal);
        var variantKeys = configured.Concat(others).ToList();
        var variants = variantKeys.Select(k => KeyValuePair.Create(k, (long)identities.Count(i => i.Key == k))).ToList();

        var series = new List<(DateTime, List<KeyValuePair<string, long>>)>();
        for (var b = Floor(c.Window.Start); b <= Floor(c.Window.End); b = hourly ? b.AddHours(1) : b.AddDays(1))
        {
            var bucket = b;
            series.Add((bucket, [.. variantKeys.Append("$multiple").Select(k => KeyValuePair.Create(k, (long)identities.Count(i => i.Key == k && Floor(i.First) <= bucket)))]));
        }

        var excluded = identities.Count(i => i.Key == "$multiple");
        var srm = SampleRatioMismatch.Check(c.Variants, variants.Where(kv => configured.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value), 100);
        return new Oracled(hourly ? ExposureGranularity.Hour : ExposureGranularity.Day, identities.Count, excluded, variants, series, srm);
    }

    private static void AssertSame(Oracled expected, ExposurePayload actual, Case c)
    {
        var at = $"experiment {c.Index} ({c.Window.Start:O} .. {c.Window.End:O})";
        Assert.True(expected.Granularity == actual.Granularity, at);
        Assert.True(expected.Total == actual.TotalIdentities, $"{at}: total {actual.TotalIdentities}, expected {expected.Total}");
        Assert.True(expected.Excluded == actual.ExcludedIdentities, $"{at}: excluded");
        Assert.Equal(expected.Variants, actual.Variants.ToList());
        Assert.True(expected.Series.Count == actual.Timeseries.Count, $"{at}: {actual.Timeseries.Count} points, expected {expected.Series.Count}");
        for (var i = 0; i < expected.Series.Count; i++)
        {
            Assert.True(expected.Series[i].Bucket == actual.Timeseries[i].Bucket, $"{at}: point {i}");
            Assert.Equal(expected.Series[i].Counts, actual.Timeseries[i].CumulativeIdentities.ToList());
        }

        Assert.Equal(expected.Srm.Status, actual.SampleRatioMismatch.Status);
        Assert.Equal(expected.Srm.PValue, actual.SampleRatioMismatch.PValue);
        Assert.Equal(expected.Srm.Expected.ToList(), actual.SampleRatioMismatch.Expected.ToList());
    }
}
