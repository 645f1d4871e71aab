using MediatR;
using Microsoft.Extensions.Logging;
using ModularAnalytics.BuildingBlocks.Application.Scheduling;
using Quartz;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Scheduling;

/// <summary>
/// <see cref="ICommandScheduler"/> on Quartz: each command rides in the data map of a one-shot trigger.
/// <para>
/// Deduplication keeps the pending run (<see cref="TriggerConflict.Keep"/>), it does not replace it: under a steady
/// stream of changes a replacing debounce would postpone the run for ever, while keeping the first bounds the wait by
/// <c>delay</c>. A kept run has not started yet, so it still sees every change made before it starts. Once a run has
/// started its trigger is no longer pending and the next enqueue schedules a new run, which
/// <see cref="SerializedCommandJob"/> holds back until the running one has finished.
/// </para>
/// </summary>
internal sealed class QuartzCommandScheduler(ISchedulerFactory schedulers, TimeProvider time, ILogger<QuartzCommandScheduler> logger)
    : ICommandScheduler
{
    public const string OneOffGroup = "commands";
    public const string KeyedGroup = "commands.keyed";
    private const int KeyedAttempts = 3;

    public async Task EnqueueAsync<TCommand>(TCommand command, string? deduplicationKey, TimeSpan delay, CancellationToken cancellationToken)
        where TCommand : IRequest<Unit>
    {
        ArgumentNullException.ThrowIfNull(command);
        var envelope = CommandEnvelope.From(command);
        var fireAt = time.GetUtcNow() + (delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
        var scheduler = await schedulers.GetScheduler(cancellationToken);

        if (string.IsNullOrEmpty(deduplicationKey))
        {
            var name = Guid.NewGuid().ToString("N");
            var job = JobBuilder.Create<CommandJob>().WithIdentity(name, OneOffGroup).Build();
            await scheduler.ScheduleJob(job, OneShot(new TriggerKey(name, OneOffGroup), job.Key, envelope, fireAt), default, cancellationToken);
            logger.LogDebug("Scheduled {Command} at {FireAt}", envelope.TypeName, fireAt);
            return;
        }

        var jobKey = new JobKey(deduplicationKey, KeyedGroup);
        var keyedJob = JobBuilder.Create<SerializedCommandJob>().WithIdentity(jobKey).Build();
        var trigger = OneShot(new TriggerKey(deduplicationKey, KeyedGroup), jobKey, envelope, fireAt);
        for (var attempt = 1; ; attempt++)
        {
            // The job is not durable: it goes when its last trigger completes, which can happen between these two calls.
            await scheduler.AddJob(keyedJob, AddJobOptions.ReplacingAndStoringNonDurable, cancellationToken);
            try
            {
                var result = await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, cancellationToken);
                logger.LogDebug("Scheduling {Command} under {Key}: {Outcome}, fires at {FireAt}",
                    envelope.TypeName, deduplicationKey, result.Outcome, result.NextFireTimeUtc);
                return;
            }
            catch (SchedulerException) when (attempt < KeyedAttempts)
            {
                if (await scheduler.Exists(jobKey, cancellationToken))
                {
                    throw;
                }
            }
        }
    }

    private static ITrigger OneShot(TriggerKey key, JobKey job, CommandEnvelope envelope, DateTimeOffset fireAt) =>
        TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(job)
            .UsingJobData(envelope.ToJobData())
            .StartAt(fireAt)
            .Build();
}

/// <summary>With `Scheduling:Enabled` false nothing runs later; commands are dropped, visibly.</summary>
internal sealed class DisabledCommandScheduler(ILogger<DisabledCommandScheduler> logger) : ICommandScheduler
{
    public Task EnqueueAsync<TCommand>(TCommand command, string? deduplicationKey, TimeSpan delay, CancellationToken cancellationToken)
        where TCommand : IRequest<Unit>
    {
        logger.LogInformation("Scheduling is disabled; {Command} (key {Key}) is not scheduled", typeof(TCommand).Name, deduplicationKey);
        return Task.CompletedTask;
    }
}
