using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.Application.Scheduling;
using ModularAnalytics.BuildingBlocks.Infrastructure.Migrations;
using ModularAnalytics.BuildingBlocks.Infrastructure.Scheduling;
using Npgsql;
using Xunit.Abstractions;

namespace ModularAnalytics.BuildingBlocks.Tests.Scheduling;

public sealed class PostgresClusterTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [PostgresFact]
    public async Task The_migration_step_is_idempotent_and_creates_every_quartz_table()
    {
        var settings = Settings("migrate-" + Guid.NewGuid().ToString("N")[..8], "node-m");
        await using var host = SchedulingHost.Create(settings);

        foreach (var step in host.Services.GetServices<IMigrationStep>())
        {
            await step.RunAsync(host.Services, CancellationToken.None);
            await step.RunAsync(host.Services, CancellationToken.None);
        }

        await using var connection = new NpgsqlConnection(PostgresFactAttribute.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'scheduling' AND table_name LIKE 'qrtz\\_%'", connection);
        Assert.Equal(15L, (long)(await command.ExecuteScalarAsync())!);
    }

    [PostgresFact]
    public async Task Two_clustered_nodes_run_each_firing_exactly_once()
    {
        // One cluster (scheduler name) per run, so earlier runs' rows in a shared database do not interfere.
        var cluster = "cluster-" + Guid.NewGuid().ToString("N")[..8];
        static void Recurring(IServiceCollection services) => services.AddRecurringCommand("tick", "0/2 * * * * ?", () => new RecordRun("tick"));

        try
        {
            await RunClusterAsync(cluster, Recurring);
        }
        finally
        {
            await DeleteClusterRowsAsync(cluster);
        }
    }

    private async Task RunClusterAsync(string cluster, Action<IServiceCollection> recurring)
    {
        // Each host runs the migration step on start; the second run finds everything in place.
        var nodeA = await SchedulingHost.Create(Settings(cluster, "node-a"), "node-a", recurring).StartAsync();
        var nodeB = await SchedulingHost.Create(Settings(cluster, "node-b"), "node-b", recurring).StartAsync();
        FireLog firesA, firesB;
        List<(string Label, string Node, DateTimeOffset At)> All() => [.. nodeA.Runs.Runs, .. nodeB.Runs.Runs];
        var labels = Enumerable.Range(1, 20).Select(i => $"job-{i}").ToList();
        try
        {
            firesA = await FireLog.AttachAsync(nodeA, "node-a");
            firesB = await FireLog.AttachAsync(nodeB, "node-b");
            foreach (var (label, index) in labels.Select((l, i) => (l, i)))
            {
                var node = index % 2 == 0 ? nodeA : nodeB;
                await node.Services.GetRequiredService<ICommandScheduler>()
                    .EnqueueAsync(new RecordRun(label), null, TimeSpan.FromSeconds(1), CancellationToken.None);
            }

            Assert.True(await SchedulingHost.EventuallyAsync(() => labels.All(l => All().Any(r => r.Label == l)), Timeout));
            Assert.True(await SchedulingHost.EventuallyAsync(
                () => firesA.Fires.Concat(firesB.Fires).Count(f => f.Trigger.Contains("tick", StringComparison.Ordinal)) >= 3, Timeout));
        }
        finally
        {
            // Stopping waits for running jobs, so after this nothing is in flight and nothing more fires: no settling sleep.
            await nodeA.DisposeAsync();
            await nodeB.DisposeAsync();
        }

        var runs = All();
        var fires = firesA.Fires.Concat(firesB.Fires).ToList();
        output.WriteLine(string.Join(", ", runs.GroupBy(r => r.Node).Select(g => $"{g.Key}: {g.Count()} runs")));
        Assert.All(labels, l => Assert.Equal(1, runs.Count(r => r.Label == l)));
        // A firing is its trigger plus its scheduled fire time: run by both nodes, it shows twice.
        var twice = fires.GroupBy(f => (f.Trigger, f.ScheduledAt)).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Trigger} @ {g.Key.ScheduledAt:HH:mm:ss.fff} on {string.Join(" and ", g.Select(f => f.Node))}").ToList();
        Assert.True(twice.Count == 0, "firings run more than once: " + string.Join("; ", twice));
        Assert.True(fires.Count(f => f.Trigger.Contains("tick", StringComparison.Ordinal)) >= 3);
    }

    private static async Task DeleteClusterRowsAsync(string cluster)
    {
        await using var connection = new NpgsqlConnection(PostgresFactAttribute.ConnectionString);
        await connection.OpenAsync();
        string[] tables =
        [
            "simple_triggers", "cron_triggers", "simprop_triggers", "blob_triggers", "triggers", "job_details", "fired_triggers",
            "scheduler_state", "locks", "calendars", "paused_trigger_grps", "paused_job_grps", "execution_history", "misfire_history", "job_status",
        ];
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"DELETE FROM scheduling.qrtz_{table} WHERE sched_name = @cluster", connection);
            command.Parameters.AddWithValue("cluster", cluster);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static Dictionary<string, string?> Settings(string cluster, string instanceId) => new()
    {
        ["Scheduling:Store"] = "Postgres",
        ["Scheduling:InstanceName"] = cluster,
        ["Scheduling:InstanceId"] = instanceId,
        ["ConnectionStrings:Postgres"] = PostgresFactAttribute.ConnectionString,
    };
}
