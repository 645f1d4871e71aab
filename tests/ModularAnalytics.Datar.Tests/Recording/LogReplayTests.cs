using ModularAnalytics.Datar.Tests.Support;
using ModularAnalytics.Testing;
using Xunit;

namespace ModularAnalytics.Datar.Tests.Recording;

/// <summary>
/// Replay from a crash image, in process and deterministic: a running host's data directory (SQLite file and log)
/// is copied while batches are acknowledged but not flushed, a torn record is appended to the log as a crash
/// mid-write leaves it, and a second host started on the copy must hold every acknowledged record once.
/// </summary>
public sealed class LogReplayTests
{
    [Fact]
    public async Task A_host_started_on_a_crash_image_stores_the_unflushed_batches_once_and_skips_the_flushed_ones()
    {
        using var crashed = DatarHost.Create(TestDatabase.Sqlite);
        var tenant = await crashed.CreateTenantAsync();
        var flag = await crashed.CreateFlagAsync(tenant.Project.Id, "replayed");
        IEnumerable<object> Records(int segment, int count) => Enumerable.Range(0, count)
            .Select(i => (object)new { flagID = flag.Id, variantKey = i % 2 == 0 ? "control" : "treatment", segmentID = segment, entityID = $"u{i}" });

        await (await crashed.PostRecordsAsync(tenant, Records(1, 10))).AssertAcceptedAsync(10);
        await crashed.Flusher().FlushAllAsync();
        await (await crashed.PostRecordsAsync(tenant, Records(2, 20))).AssertAcceptedAsync(20);
        await (await crashed.PostRecordsAsync(tenant, Records(3, 30))).AssertAcceptedAsync(30);
        var flushedBeforeCrash = await crashed.Store().ReadCountsAsync();
        Assert.Equal(10, flushedBeforeCrash.Values.Sum());

        using var restarted = DatarHost.Create(TestDatabase.Sqlite);
        CopyDirectory(crashed.DataDirectory, restarted.DataDirectory);
        var newest = Directory.GetFiles(Path.Combine(restarted.DataDirectory, "datar-log"), "*.wal", SearchOption.AllDirectories).Order().Last();
        // A torn tail: a header promising 500 bytes, and only a few of them.
        await File.AppendAllBytesAsync(newest, [0xF4, 0x01, 0, 0, 1, 2, 3, 4, 1, 9, 9]);

        var stored = await restarted.Store().ReadCountsAsync();
        Assert.Equal(
            new Dictionary<int, long> { [1] = 10, [2] = 20, [3] = 30 },
            stored.GroupBy(kv => kv.Key.SegmentId).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value)));

        // A second replay of what is left (the host stops gracefully, then starts again) counts nothing twice.
        await restarted.Flusher().FlushAllAsync();
        using var again = DatarHost.Create(TestDatabase.Sqlite);
        CopyDirectory(restarted.DataDirectory, again.DataDirectory);
        Assert.Equal(stored, await again.Store().ReadCountsAsync());
    }

    [Fact]
    public async Task Two_replicas_on_one_data_directory_each_keep_their_own_log_and_may_not_share_one()
    {
        using var first = DatarHost.Create(TestDatabase.Sqlite).WithSetting("Recorder:Datar:ReplicaName", "replica-a");
        var tenant = await first.CreateTenantAsync();
        var flag = await first.CreateFlagAsync(tenant.Project.Id, "shared");
        using var second = DatarHost.Create(TestDatabase.Sqlite)
            .WithSetting("Storage:DataDirectory", first.DataDirectory)
            .WithSetting("Recorder:Datar:ReplicaName", "replica-b");
        await (await second.PostRecordsAsync(tenant, [new { flagID = flag.Id, variantKey = "control", entityID = "u" }])).AssertAcceptedAsync(1);
        Assert.Equal(
            new[] { "replica-a", "replica-b" },
            Directory.GetDirectories(Path.Combine(first.DataDirectory, "datar-log")).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        using var clash = DatarHost.Create(TestDatabase.Sqlite)
            .WithSetting("Storage:DataDirectory", first.DataDirectory)
            .WithSetting("Recorder:Datar:ReplicaName", "replica-a");
        var error = Assert.ThrowsAny<Exception>(() => clash.Services);
        Assert.Contains("held by another process", Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error) =>
        error.InnerException is null ? error.Message : error.Message + " | " + Flatten(error.InnerException);

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // The lock file is held by the running host; the copy's own host takes its own.
            if (Path.GetFileName(file) != "owner.lock")
            {
                File.Copy(file, target, overwrite: true);
            }
        }
    }
}
