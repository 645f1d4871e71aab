using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModularAnalytics.BuildingBlocks.Application.Scheduling;
using ModularAnalytics.BuildingBlocks.Infrastructure.Migrations;
using Quartz;
using Quartz.Impl;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Scheduling;

public static class SchedulingExtensions
{
    /// <summary>
    /// Quartz with its hosted service, the <see cref="ICommandScheduler"/> and, for the Postgres store, the migration
    /// step creating its tables. Register after the migration runner's hosted service: hosted services start in
    /// registration order, and the scheduler needs its tables. Needs <c>AddMessaging</c> for the commands it runs.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = SchedulingOptions.FromConfiguration(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(settings);
        if (!settings.Enabled)
        {
            services.AddSingleton<ICommandScheduler, DisabledCommandScheduler>();
            return services;
        }

        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(options =>
            {
                options.InstanceName = settings.InstanceName;
                if (!string.IsNullOrWhiteSpace(settings.InstanceId))
                {
                    options.InstanceId = settings.InstanceId;
                }
            });
            quartz.AddJobType<CommandJob>();
            quartz.AddJobType<SerializedCommandJob>();
            if (settings.Store == SchedulingStore.Postgres)
            {
                quartz.UsePersistentStore(store =>
                {
                    store.UsePostgres(settings.PostgresConnectionString!);
                    store.UseSerializer<SystemTextJsonObjectSerializer>();
                    store.UseClustering();
                    store.ConfigureStore(options =>
                    {
                        options.TablePrefix = SchedulingOptions.TablePrefix;
                        // The data maps hold strings only (CommandEnvelope): readable in the table, no type metadata.
                        options.StoreJobDataAsStrings = true;
                    });
                });
            }
            else
            {
                quartz.UseInMemoryStore();
            }
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        services.AddHostedService<RecurringCommandInstaller>();
        services.AddSingleton<ICommandScheduler, QuartzCommandScheduler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationStep, QuartzPostgresSchema>());
        return services;
    }

    /// <summary>
    /// Runs a command on a cron schedule (Quartz syntax with seconds, in UTC, e.g. "0 0/5 * * * ?"). The command is
    /// built by <paramref name="factory"/> once at start-up and stored; <paramref name="name"/> identifies the schedule
    /// across restarts and nodes, so registering the same name again replaces it.
    /// </summary>
    public static IServiceCollection AddRecurringCommand<TCommand>(this IServiceCollection services, string name, string cronExpression, Func<TCommand> factory)
        where TCommand : IRequest<Unit>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!CronExpression.TryParse(cronExpression, out _))
        {
            throw new ArgumentException($"'{cronExpression}' is not a valid Quartz cron expression.", nameof(cronExpression));
        }

        services.AddSingleton(new RecurringCommand(name, cronExpression, () => factory()));
        return services;
    }

    public static IServiceCollection AddRecurringCommand<TCommand>(this IServiceCollection services, string name, string cronExpression)
        where TCommand : IRequest<Unit>, new() =>
        services.AddRecurringCommand(name, cronExpression, static () => new TCommand());
}
