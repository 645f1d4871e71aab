using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.Bench;
using ModularAnalytics.LoadGenerator;
using ModularAnalytics.Modules.Datar.Application.Recording;

namespace ModularAnalytics.LoadGenerator;

// Posts evaluation batches to `POST /api/v1/evaluations` with N concurrent clients for a fixed time (or batch
// count) and prints records/s. Without --url it starts the real service in-process (Kestrel on 127.0.0.1, SQLite
// in a temp directory, Datar recording) and checks at the end that the summary counts every accepted record.
internal static class Entry
{
    public static async Task<int> Main(string[] args)
    {
        var options = LoadOptions.Parse(args);
        using var inProcess = options.Url is null ? new InProcessService("load-" + Guid.NewGuid().ToString("N"), new Dictionary<string, string>
        {
            ["Warehouse:Mode"] = "Disabled",
            ["Recorder:Enabled"] = "true",
            ["Recorder:Type"] = "datar",
            ["Recorder:Datar:FlushInterval"] = "00:00:05",
        }) : null;
        var baseAddress = inProcess?.Start() ?? options.Url!;
        var adminToken = inProcess?.AdminToken ?? options.AdminToken
            ?? throw new ArgumentException("--admin-token is required with --url.");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var target = await Setup.CreateAsync(http, adminToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target {baseAddress} project {target.ProjectId} flag {target.FlagId}; {options.Clients} clients, batches of {options.BatchSize}, {(options.MaxBatches is { } m ? $"{m} batches" : $"{options.Duration.TotalSeconds} s")}"));

        // A few distinct bodies, built once, so that the generator measures the service rather than its own JSON.
        var bodies = Enumerable.Range(0, 8).Select(i => Setup.Batch(target, options.BatchSize, seed: i)).ToArray();
        var accepted = 0L;
        var failed = 0L;
        var issued = 0L;
        var latencies = new List<double>[options.Clients];
        using var stop = new CancellationTokenSource(options.MaxBatches is null ? options.Duration : TimeSpan.FromMinutes(30));
        var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedAtStart = GC.GetTotalAllocatedBytes();
        var gcsAtStart = GC.CollectionCount(0);
        var clock = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, options.Clients).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = [];
            var n = c;
            while (!stop.IsCancellationRequested && (options.MaxBatches is not { } max || Interlocked.Increment(ref issued) <= max))
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/evaluations") { Content = new ByteArrayContent(bodies[n++ % bodies.Length]) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add("X-Environment-Key", target.EnvironmentKey);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request, CancellationToken.None);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if ((int)response.StatusCode == 202)
                    {
                        Interlocked.Add(ref accepted, options.BatchSize);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToArray();
        await Task.WhenAll(clients);
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedAtStart;
        var gcs = GC.CollectionCount(0) - gcsAtStart;

        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(p * all.Length))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{accepted:N0} records accepted in {clock.Elapsed.TotalSeconds:F1} s = {accepted / clock.Elapsed.TotalSeconds:N0} records/s " +
            $"({all.Length:N0} batches, {failed} failed; batch latency p50 {Percentile(0.5):F1} ms, p99 {Percentile(0.99):F1} ms)"));
        // CPU per record moves less than records/s when other processes share the cores: it compares builds on a busy
        // machine. In process it counts the generator's own work too.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU {cpu.TotalSeconds:F1} s = {(accepted == 0 ? 0 : cpu.TotalMicroseconds / accepted):F2} µs/record, " +
            $"{(accepted == 0 ? 0 : allocated / accepted):N0} bytes allocated/record, {gcs} collections (service and generator)"));

        if (inProcess is not null)
        {
            // Stores what Datar holds now, instead of waiting for the flush interval.
            while (!await inProcess.Services.GetRequiredService<DatarFlusher>().FlushAsync(CancellationToken.None))
            {
                await Task.Delay(200);
            }

            var total = await Setup.TotalEvalCountAsync(http, adminToken, target);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"summary totalEvalCount {total:N0} ({(total == accepted ? "matches" : "DOES NOT MATCH")} the accepted records)"));
            return total == accepted && failed == 0 ? 0 : 1;
        }

        return failed == 0 ? 0 : 1;
    }
}

internal sealed record LoadOptions(Uri? Url, string? AdminToken, int Clients, int BatchSize, TimeSpan Duration, long? MaxBatches)
{
    public static LoadOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        return new LoadOptions(
            Value("--url") is { } url ? new Uri(url) : null,
            Value("--admin-token"),
            Clients: Int("--clients", 8),
            BatchSize: Int("--batch", 1000),
            Duration: TimeSpan.FromSeconds(Int("--duration", 20)),
            MaxBatches: Value("--batches") is { } b ? long.Parse(b, CultureInfo.InvariantCulture) : null);
    }
}

internal sealed record Target(int ProjectId, int FlagId, string EnvironmentKey, int[] VariantIds);

internal static class Setup
{
    public static async Task<Target> CreateAsync(HttpClient http, string adminToken)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var organisation = await PostAsync(http, adminToken, "/api/v1/organisations", new { name = "load-" + suffix });
        var project = await PostAsync(http, adminToken, "/api/v1/projects", new { organisationId = organisation.GetProperty("id").GetInt32(), name = "load" });
        var projectId = project.GetProperty("id").GetInt32();
        var environment = await PostAsync(http, adminToken, $"/api/v1/projects/{projectId}/environments", new { name = "load" });
        var flag = await PostAsync(http, adminToken, $"/api/v1/projects/{projectId}/flags", new
        {
            key = "load-" + suffix,
            dataRecordsEnabled = true,
            variants = new[] { new { key = "control" }, new { key = "treatment" } },
        });
        return new Target(
            projectId,
            flag.GetProperty("id").GetInt32(),
            environment.GetProperty("key").GetString()!,
            flag.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("id").GetInt32()).ToArray());
    }

    public static byte[] Batch(Target target, int size, int seed)
    {
        var records = Enumerable.Range(0, size).Select(i => new
        {
            flagID = target.FlagId,
            variantID = target.VariantIds[(i + seed) % target.VariantIds.Length],
            segmentID = (i + seed) % 4,
            entityID = string.Create(CultureInfo.InvariantCulture, $"user-{seed}-{i}"),
        });
        return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { records }));
    }

    public static async Task<long> TotalEvalCountAsync(HttpClient http, string adminToken, Target target)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/projects/{target.ProjectId}/datar/summary");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var flags = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("flags");
        return flags.EnumerateArray().Where(f => f.GetProperty("flagID").GetInt32() == target.FlagId)
            .Sum(f => f.GetProperty("totalEvalCount").GetInt64());
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string adminToken, string url, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {url}: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
