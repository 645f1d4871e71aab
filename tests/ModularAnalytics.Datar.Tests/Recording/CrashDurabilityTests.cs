using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using ModularAnalytics.Datar.Tests.Support;
using ModularAnalytics.Testing;
using Xunit;
using Xunit.Abstractions;

namespace ModularAnalytics.Datar.Tests.Recording;

/// <summary>
/// A 202 means durable: the real service in a child process, fed by concurrent clients, is killed with SIGKILL
/// mid-stream and started again on the same data directory. Each batch carries its own segment id, so the store
/// shows per batch whether it was counted: every acknowledged batch exactly once, an unanswered one fully or not at all.
/// </summary>
public abstract class CrashDurabilityTests(TestDatabase database, ITestOutputHelper output)
{
    private const int BatchSize = 1000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Every_acknowledged_record_is_counted_exactly_once_after_sigkill_mid_stream_and_a_restart()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "ma-kill-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["ConnectionStrings:Postgres"] = database == TestDatabase.Postgres ? PostgresServer.Instance.CreateDatabase() : string.Empty,
            ["Auth:AdminToken"] = ServiceFactory.AdminToken,
            ["Warehouse:Mode"] = "Disabled",
            ["Recorder:Enabled"] = "true",
            ["Recorder:Type"] = "datar",
            // Flushes run during the stream, so the kill finds some batches stored and some only in the log.
            ["Recorder:Datar:FlushInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:ModularAnalytics.Modules.Datar"] = "Information",
        };
        var store = RelationalStore.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings!).Build());
        var acknowledged = new ConcurrentBag<int>();
        var unanswered = new ConcurrentBag<int>();
        var refused = new ConcurrentBag<string>();
        try
        {
            int flagId;
            string[] logFiles;
            using (var first = HostProcess.Start(settings))
            {
                await first.WaitUntilLiveAsync(StartTimeout);
                var target = await CreateTargetAsync(first.Address);
                flagId = target.FlagId;
                using var http = new HttpClient { BaseAddress = first.Address, Timeout = TimeSpan.FromSeconds(30) };
                http.DefaultRequestHeaders.Add(ServiceFactory.EnvironmentKeyHeader, target.EnvironmentKey);
                using var stop = new CancellationTokenSource();
                var next = 0;
                var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var batch = Interlocked.Increment(ref next);
                        try
                        {
                            using var response = await http.PostAsync("/api/v1/evaluations", Body(target, batch));
                            if (response.StatusCode == HttpStatusCode.Accepted)
                            {
                                acknowledged.Add(batch);
                            }
                            else
                            {
                                refused.Add($"batch {batch}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                            }
                        }
                        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                        {
                            unanswered.Add(batch);
                        }
                    }
                })).ToArray();

                // Kill once a flush has stored part of the stream, more has been acknowledged since, and at least
                // 100,000 records in all (the issue's case).
                await WaitUntilAsync(async () => (await StoredBySegmentAsync(store, flagId)).Count > 0, "no flush stored anything");
                var atFirstFlush = acknowledged.Count;
                await WaitUntilAsync(() => Task.FromResult(acknowledged.Count >= Math.Max(atFirstFlush + 20, 100)), "the stream stalled");
                await first.KillAsync();
                await stop.CancelAsync();
                await Task.WhenAll(clients);
                logFiles = Directory.GetFiles(Path.Combine(dataDirectory, "datar-log"), "*.wal", SearchOption.AllDirectories);
            }

            Assert.Empty(refused);
            Assert.NotEmpty(logFiles);
            var storedBeforeRestart = (await StoredBySegmentAsync(store, flagId)).Values.Sum();

            using var second = HostProcess.Start(settings);
            await second.WaitUntilLiveAsync(StartTimeout);
            var stored = await StoredBySegmentAsync(store, flagId);

            var acked = acknowledged.ToHashSet();
            var counted = acked.Sum(b => stored.GetValueOrDefault(b));
            var unansweredCounted = unanswered.Count(b => stored.GetValueOrDefault(b) == BatchSize);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"acknowledged {acked.Count * BatchSize} records ({acked.Count} batches); counted after restart {counted}; " +
                $"stored before restart {storedBeforeRestart}, replayed {stored.Values.Sum() - storedBeforeRestart}; " +
                $"unanswered batches {unanswered.Count} ({unansweredCounted} of them counted whole)"));

            Assert.All(acked, b => Assert.Equal(BatchSize, stored.GetValueOrDefault(b)));
            Assert.All(unanswered, b => Assert.Contains(stored.GetValueOrDefault(b), new long[] { 0, BatchSize }));
            Assert.Empty(stored.Keys.Except(acked).Except(unanswered));
            Assert.Equal(acked.Count * (long)BatchSize, counted);
            Assert.Contains(second.Output, line => line.Contains("Datar replayed its log", StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    private static ByteArrayContent Body(Target target, int batch)
    {
        var records = Enumerable.Range(0, BatchSize).Select(i => new
        {
            flagID = target.FlagId,
            variantID = target.VariantIds[i % target.VariantIds.Length],
            segmentID = batch,
            entityID = string.Create(CultureInfo.InvariantCulture, $"u{batch}-{i}"),
        });
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { records })));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task<Dictionary<int, long>> StoredBySegmentAsync(RelationalStore store, int flagId)
    {
        try
        {
            var rows = await store.QueryAsync(
                $"SELECT segment_id, SUM(eval_count) FROM {store.QualifiedTable("datar", "hourly_events")} WHERE flag_id = @f GROUP BY segment_id",
                ("@f", flagId));
            return rows.ToDictionary(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture), r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture));
        }
        catch (DbException)
        {
            // The service holds the SQLite file for a moment; the caller asks again.
            return [];
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }

    private static async Task<Target> CreateTargetAsync(Uri address)
    {
        using var admin = new HttpClient { BaseAddress = address };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServiceFactory.AdminToken);
        var organisation = await PostAsync(admin, "/api/v1/organisations", new { name = "Crash" });
        var project = await PostAsync(admin, "/api/v1/projects", new { organisationId = organisation.GetProperty("id").GetInt32(), name = "crash" });
        var projectId = project.GetProperty("id").GetInt32();
        var environment = await PostAsync(admin, $"/api/v1/projects/{projectId}/environments", new { name = "Production" });
        var flag = await PostAsync(admin, $"/api/v1/projects/{projectId}/flags", new
        {
            key = "crash",
            dataRecordsEnabled = true,
            variants = new[] { new { key = "control" }, new { key = "treatment" } },
        });
        return new Target(
            flag.GetProperty("id").GetInt32(),
            environment.GetProperty("key").GetString()!,
            flag.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("id").GetInt32()).ToArray());
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string url, object body)
    {
        using var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {url}: {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private sealed record Target(int FlagId, string EnvironmentKey, int[] VariantIds);
}

public sealed class SqliteCrashDurabilityTests(ITestOutputHelper output) : CrashDurabilityTests(TestDatabase.Sqlite, output);

public sealed class PostgresCrashDurabilityTests(ITestOutputHelper output) : CrashDurabilityTests(TestDatabase.Postgres, output);
