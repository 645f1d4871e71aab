using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModularAnalytics.BuildingBlocks.Application.Scheduling;
using ModularAnalytics.BuildingBlocks.Infrastructure.Scheduling;
using Quartz;

namespace ModularAnalytics.BuildingBlocks.Tests.Scheduling;

public sealed class InMemorySchedulingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_enqueued_command_runs_through_the_mediatr_pipeline()
    {
        await using var host = await SchedulingHost.Create(SchedulingHost.MemorySettings()).StartAsync();

        await host.Services.GetRequiredService<ICommandScheduler>()
            .EnqueueAsync(new RecordRun("once"), null, TimeSpan.Zero, CancellationToken.None);

        Assert.True(await SchedulingHost.EventuallyAsync(() => host.Runs.Count("once") == 1, Timeout));
        // LoggingBehaviour wrapped the handler: the scheduled run took the API's path.
        Assert.True(await SchedulingHost.EventuallyAsync(
            () => host.Logs.Entries.Any(e => e.Category.Contains("LoggingBehaviour", StringComparison.Ordinal) && e.Message.Contains("RecordRun", StringComparison.Ordinal)),
            Timeout));
    }

    [Fact]
    public async Task A_command_failing_validation_is_logged_and_the_scheduler_keeps_running()
    {
        await using var host = await SchedulingHost.Create(SchedulingHost.MemorySettings()).StartAsync();
        var scheduler = host.Services.GetRequiredService<ICommandScheduler>();

        await scheduler.EnqueueAsync(new RecordRun(string.Empty), null, TimeSpan.Zero, CancellationToken.None);

        Assert.True(await SchedulingHost.EventuallyAsync(
            () => host.Logs.Entries.Any(e => e.Level == LogLevel.Error && e.Message.Contains("failed validation", StringComparison.Ordinal)
                && e.Message.Contains("Label", StringComparison.Ordinal)),
            Timeout));
        Assert.Equal(0, host.Runs.Count(string.Empty));

        await scheduler.EnqueueAsync(new RecordRun("after"), null, TimeSpan.Zero, CancellationToken.None);
        Assert.True(await SchedulingHost.EventuallyAsync(() => host.Runs.Count("after") == 1, Timeout));
    }

    [Fact]
    public async Task Enqueueing_one_key_repeatedly_keeps_a_single_pending_run()
    {
        await using var host = await SchedulingHost.Create(SchedulingHost.MemorySettings()).StartAsync();
        var scheduler = host.Services.GetRequiredService<ICommandScheduler>();

        var before = DateTimeOffset.UtcNow;
        var afterFirst = before;
        for (var i = 1; i <= 5; i++)
        {
            await scheduler.EnqueueAsync(new RecordRun($"refresh-{i}"), "project-1", TimeSpan.FromSeconds(1), CancellationToken.None);
            afterFirst = i == 1 ? DateTimeOffset.UtcNow : afterFirst;
        }

        // One trigger is pending for the key, due when the first request asked: the later four did not postpone it.
        var quartz = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var keyed = GroupMatcher<TriggerKey>.GroupEquals("commands.keyed");
        var trigger = (await quartz.GetTrigger(Assert.Single(await quartz.GetTriggerKeys(keyed))))!;
        Assert.InRange(trigger.StartTimeUtc, before.AddSeconds(1), afterFirst.AddSeconds(1));

        // Once it has run and no trigger is left for the key, nothing else can run for it.
        Assert.True(await EventuallyAsync(async () => host.Runs.Runs.Count > 0 && (await quartz.GetTriggerKeys(keyed)).Count == 0));
        Assert.Equal(["refresh-1"], host.Runs.Runs.Select(r => r.Label));

        // Once it has run, the key is free again.
        await scheduler.EnqueueAsync(new RecordRun("refresh-6"), "project-1", TimeSpan.Zero, CancellationToken.None);
        Assert.True(await SchedulingHost.EventuallyAsync(() => host.Runs.Count("refresh-6") == 1, Timeout));
    }

    [Fact]
    public async Task Different_keys_do_not_fold_into_each_other()
    {
        await using var host = await SchedulingHost.Create(SchedulingHost.MemorySettings()).StartAsync();
        var scheduler = host.Services.GetRequiredService<ICommandScheduler>();

        await scheduler.EnqueueAsync(new RecordRun("a"), "project-a", TimeSpan.FromMilliseconds(200), CancellationToken.None);
        await scheduler.EnqueueAsync(new RecordRun("b"), "project-b", TimeSpan.FromMilliseconds(200), CancellationToken.None);

        Assert.True(await SchedulingHost.EventuallyAsync(() => host.Runs.Count("a") == 1 && host.Runs.Count("b") == 1, Timeout));
    }

    [Fact]
    public async Task A_recurring_command_fires_on_its_cron_schedule()
    {
        await using var host = await SchedulingHost.Create(
            SchedulingHost.MemorySettings(),
            configure: services => services.AddRecurringCommand("tick", "0/1 * * * * ?", () => new RecordRun("tick"))).StartAsync();

        Assert.True(await SchedulingHost.EventuallyAsync(() => host.Runs.Count("tick") >= 2, Timeout));
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow + Timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return await condition();
    }

    [Fact]
    public void An_invalid_cron_expression_is_refused_at_registration() =>
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddRecurringCommand("bad", "not a cron", () => new RecordRun("x")));

    [Fact]
    public async Task Disabled_scheduling_runs_nothing_and_registers_no_quartz()
    {
        var settings = SchedulingHost.MemorySettings();
        settings["Scheduling:Enabled"] = "false";
        await using var host = await SchedulingHost.Create(settings).StartAsync();

        await host.Services.GetRequiredService<ICommandScheduler>()
            .EnqueueAsync(new RecordRun("never"), null, TimeSpan.Zero, CancellationToken.None);

        // No scheduler exists to run it later, and the drop is logged as it happens.
        Assert.Null(host.Services.GetService<ISchedulerFactory>());
        Assert.Contains(host.Logs.Entries, e => e.Message.Contains("not scheduled", StringComparison.Ordinal) && e.Message.Contains("RecordRun", StringComparison.Ordinal));
        Assert.Empty(host.Runs.Runs);
    }
}
