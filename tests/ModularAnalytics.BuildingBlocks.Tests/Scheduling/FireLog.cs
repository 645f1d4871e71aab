using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ModularAnalytics.BuildingBlocks.Tests.Scheduling;

/// <summary>
/// The scheduler's own record of what it executed: each firing's trigger and scheduled fire time, per node. Unlike the
/// handler's wall-clock time, a scheduled fire time names the firing exactly, however late a busy machine runs it.
/// </summary>
public sealed class FireLog : IJobListener
{
    private readonly ConcurrentQueue<(string Trigger, DateTimeOffset ScheduledAt, string Node)> _fires = new();
    private readonly string _node;

    private FireLog(string node) => _node = node;

    public string Name => "fire-log-" + _node;

    public IReadOnlyList<(string Trigger, DateTimeOffset ScheduledAt, string Node)> Fires => _fires.ToList();

    public static async Task<FireLog> AttachAsync(SchedulingHost host, string node)
    {
        var log = new FireLog(node);
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        scheduler.ListenerManager.AddJobListener(log, GroupMatcher<JobKey>.AnyGroup());
        return log;
    }

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        _fires.Enqueue((context.Trigger.Key.ToString(), context.ScheduledFireTimeUtc ?? context.FireTimeUtc, _node));
        return ValueTask.CompletedTask;
    }
}
