using MediatR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Scheduling;

/// <summary>A command a module runs on a cron schedule; see <see cref="SchedulingExtensions.AddRecurringCommand{TCommand}(Microsoft.Extensions.DependencyInjection.IServiceCollection, string, string, Func{TCommand})"/>.</summary>
public sealed record RecurringCommand(string Name, string CronExpression, Func<IRequest<Unit>> Factory);

/// <summary>
/// Stores every registered recurring command at start-up, replacing what a previous start (or another node) stored
/// under the same name, so a changed cron expression or command takes effect and restarts are idempotent.
/// </summary>
internal sealed class RecurringCommandInstaller(
    IEnumerable<RecurringCommand> recurring,
    ISchedulerFactory schedulers,
    ILogger<RecurringCommandInstaller> logger) : IHostedService
{
    public const string Group = "recurring";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var registrations = recurring.ToList();
        if (registrations.Count == 0)
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var registration in registrations)
        {
            var envelope = CommandEnvelope.From(registration.Factory());
            var job = JobBuilder.Create<SerializedCommandJob>()
                .WithIdentity(registration.Name, Group)
                .WithDescription(envelope.TypeName)
                .UsingJobData(envelope.ToJobData())
                .StoreDurably()
                .Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(registration.Name, Group)
                .ForJob(job)
                .WithCronSchedule(registration.CronExpression, cron => cron.InTimeZone(TimeZoneInfo.Utc))
                .Build();
            await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
            logger.LogInformation("Recurring command {Name} ({Command}) scheduled with cron {Cron}",
                registration.Name, envelope.TypeName, registration.CronExpression);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
