using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.Bench;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.Experimentation.Application.Abstractions;
using ModularAnalytics.Modules.Experimentation.Application.Exposures.RefreshExperimentExposures;
using ModularAnalytics.Modules.Experimentation.Domain.Exposures;
using ModularAnalytics.Modules.Experimentation.Infrastructure.Warehouse;

namespace ModularAnalytics.ExperimentBenchmarks;

// Exposures refresh cost on the embedded engine, and events ingestion over HTTP, on the real service in-process.
// The data: N exposure events of one experiment (flag "checkout") over 30 days — identities = N / 10, every tenth
// event an exact duplicate of the one before, 2% of identities exposed to both variants — plus 20% noise (another flag,
// another environment). Query vs floor: the exposures query against a bare scan of the same rows with the same WHERE
// reading the identifier, value and timestamp columns. Whole refresh: query + payload + store, through MediatR.
// Ingestion: C clients posting batches of 1,000 events to POST /api/v1/events for D seconds on loopback.
// Stopwatch medians (not BenchmarkDotNet): chDB holds one data path per process.
//
// Usage: dotnet run -c Release --project bench/ModularAnalytics.ExperimentBenchmarks -- [--events 10000000] [--runs 5]
//        [--clients 8] [--duration 15] [--data DIR] [--setting name=value ...] [--query-file F] (settings of, or
// another SQL text with the same parameters for, the exposures query: for trying variants)
internal static class Entry
{
    public static async Task Main(string[] args)
    {
        var events = LongArg("--events", 10_000_000);
        var runs = (int)LongArg("--runs", 5);
        var clients = (int)LongArg("--clients", 8);
        var duration = TimeSpan.FromSeconds(LongArg("--duration", 15));
        var dataPath = StringArg("--data") ?? Path.Combine(Path.GetTempPath(), "modularanalytics-experiment-bench");
        Directory.CreateDirectory(dataPath);

        using var service = new InProcessService("bench-admin-token", new Dictionary<string, string>
        {
            ["Warehouse:Mode"] = "Embedded",
            ["Warehouse:Embedded:DataPath"] = dataPath,
            ["Warehouse:Database"] = "experiment_bench",
            ["Experimentation:RefreshCron"] = "0 0 0 1 1 ? 2099",
        });
        var baseUri = service.Start();
        using var http = new HttpClient { BaseAddress = baseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", service.AdminToken);
        var warehouse = service.Services.GetRequiredService<IClickHouseClient>();

        var org = await PostAsync("/api/v1/organisations", new { name = "Bench" });
        var project = await PostAsync("/api/v1/projects", new { organisationId = org.GetProperty("id").GetInt32(), name = "Web" });
        var projectId = project.GetProperty("id").GetInt32();
        var environment = await PostAsync($"/api/v1/projects/{projectId}/environments", new { name = "Production" });
        await PostAsync($"/api/v1/projects/{projectId}/flags", new { key = "checkout", variants = new[] { new { key = "control" }, new { key = "treatment" } } });
        // The window is whole UTC days ending yesterday, so the data (and the experiment's end) stay inside the events' TTL.
        var end = DateTime.UtcNow.Date.AddDays(-1);
        var start = end.AddDays(-30);
        var experiment = await PostAsync($"/api/v1/projects/{projectId}/experiments", new
        {
            name = "Bench", flagKey = "checkout", environmentId = environment.GetProperty("id").GetInt32(),
            variants = new[] { new { key = "control", weight = 1 }, new { key = "treatment", weight = 1 } },
            startedAt = start, endedAt = end,
        });
        var experimentId = experiment.GetProperty("id").GetInt32();
        var environmentId = environment.GetProperty("id").GetInt32();

        var generate = Stopwatch.StartNew();
        await warehouse.ExecuteAsync($"TRUNCATE TABLE {ExperimentationWarehouseMigrations.EventsTable}");
        await warehouse.ExecuteAsync(GenerateSql(environmentId, "checkout", events, start));
        await warehouse.ExecuteAsync(GenerateSql(environmentId, "other-flag", events / 10, start));
        await warehouse.ExecuteAsync(GenerateSql(environmentId + 1000, "checkout", events / 10, start));
        Console.WriteLine($"Generated {events:N0} exposure events (+{events / 5:N0} noise, as inserted: no OPTIMIZE) in {generate.Elapsed.TotalSeconds:F1} s; data path {dataPath}");

        var window = new ExposureWindow(start, end);
        var query = ExposureSql.Build(new ExposureQuery(1, projectId, experimentId, environmentId, "checkout", window));
        if (StringArg("--query-file") is { } file)
        {
            query = new ClickHouseQuery(File.ReadAllText(file)) { Parameters = query.Parameters, LogComment = query.LogComment };
        }

        foreach (var setting in args.Where((a, i) => i > 0 && args[i - 1] == "--setting"))
        {
            query = query.WithSetting(setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
        }

        var floor = new ClickHouseQuery($"""
            SELECT count() AS n, max(length(identifier)) AS l, max(timestamp) AS t, max(value) AS v
            FROM {ExperimentationWarehouseMigrations.EventsTable}
            WHERE environment_id = {"{"}environment:UInt32{"}"} AND event = {"{"}event:String{"}"} AND feature_name = {"{"}feature:String{"}"}
              AND timestamp >= {"{"}from:DateTime64(3, 'UTC'){"}"} AND timestamp <= {"{"}to:DateTime64(3, 'UTC'){"}"} AND value != ''
            """) { Parameters = query.Parameters };

        var floorRows = (await warehouse.QueryAsync(floor)).Single().GetInt64("n");
        var sample = await warehouse.QueryAsync(query);
        Console.WriteLine($"Floor reads {floorRows:N0} rows; the exposures query returns {sample.Count} (bucket, key) rows, " +
            $"{sample.Where(r => r.GetString("key") == ExposurePayload.Multiple).Sum(r => r.GetInt64("identities")):N0} quarantined identities");

        var floorMs = await MedianAsync(() => warehouse.QueryAsync(floor));
        var queryMs = await MedianAsync(() => warehouse.QueryAsync(query));
        var refreshMs = await MedianAsync(async () =>
        {
            await using var scope = service.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RefreshExperimentExposuresCommand(experimentId));
        });
        var exposures = await http.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/experiments/{experimentId}/exposures");
        Console.WriteLine($"Stored payload: {exposures.GetProperty("payload").GetProperty("totalIdentities").GetInt64():N0} identities, " +
            $"SRM {exposures.GetProperty("payload").GetProperty("sampleRatioMismatch").GetProperty("status").GetString()}, final {exposures.GetProperty("isFinal").GetBoolean()}");

        var rate = await IngestAsync(baseUri, environment.GetProperty("key").GetString()!, clients, duration);
        Console.WriteLine($"experiment exposures: floor {floorMs:F0} ms, query {queryMs:F0} ms ({queryMs / floorMs:F2}x floor), refresh {refreshMs:F0} ms, ingestion {rate:F0} events/s");

        async Task<JsonElement> PostAsync(string url, object body)
        {
            var response = await http.PostAsJsonAsync(url, body);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        async Task<double> MedianAsync(Func<Task> run)
        {
            await run();
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await run();
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            return times[times.Count / 2];
        }

        static string GenerateSql(int environmentId, string feature, long count, DateTime start)
        {
            var identities = Math.Max(1, count / 10);
            var startMs = new DateTimeOffset(start).ToUnixTimeMilliseconds();
            const long windowMs = 30L * 24 * 3600 * 1000;
            // k = the identity's k-th event; k = 9 repeats k = 8 exactly (a client retry). 2% of identities alternate variants.
            return string.Create(CultureInfo.InvariantCulture, $"""
                INSERT INTO {ExperimentationWarehouseMigrations.EventsTable} (environment_id, event, feature_name, identifier, value, timestamp, received_at)
                SELECT {environmentId}, '$flag_exposure', '{feature}', concat('user-', toString(id)),
                       if(id % 50 = 0, if(k8 % 2 = 0, 'control', 'treatment'), if(cityHash64(id) % 2 = 0, 'control', 'treatment')),
                       fromUnixTimestamp64Milli(toInt64({startMs} + cityHash64(id, k8) % {windowMs}), 'UTC'),
                       fromUnixTimestamp64Milli(toInt64({startMs} + {windowMs}), 'UTC')
                FROM (SELECT number % {identities} AS id, least(intDiv(number, {identities}), 8) AS k8 FROM numbers({count}))
                """);
        }

        static async Task<double> IngestAsync(Uri baseUri, string environmentKey, int clients, TimeSpan duration)
        {
            var now = DateTime.UtcNow;
            var batches = Enumerable.Range(0, 16).Select(b =>
            {
                var json = JsonSerializer.Serialize(new
                {
                    events = Enumerable.Range(0, 1000).Select(i => new
                    {
                        @event = "$flag_exposure", identifier = $"load-{b}-{i}", featureName = "checkout",
                        value = i % 2 == 0 ? "control" : "treatment", timestamp = now.AddSeconds(-i),
                    }),
                });
                return Encoding.UTF8.GetBytes(json);
            }).ToArray();

            long sent = 0;
            var deadline = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
            {
                using var client = new HttpClient { BaseAddress = baseUri };
                client.DefaultRequestHeaders.Add("X-Environment-Key", environmentKey);
                for (var i = c; deadline.Elapsed < duration; i++)
                {
                    using var content = new ByteArrayContent(batches[i % batches.Length]);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    using var response = await client.PostAsync("/api/v1/events", content);
                    if ((int)response.StatusCode != 202)
                    {
                        throw new InvalidOperationException($"POST /api/v1/events answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    }

                    Interlocked.Add(ref sent, 1000);
                }
            }));
            return sent / deadline.Elapsed.TotalSeconds;
        }

        long LongArg(string name, long fallback) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

        string? StringArg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
