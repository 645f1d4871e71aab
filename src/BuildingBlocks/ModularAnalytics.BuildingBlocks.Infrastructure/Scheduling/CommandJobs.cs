using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Scheduling;

/// <summary>
/// Runs the command stored in a firing's data map in a fresh DI scope through <see cref="IMediator"/>, so a scheduled
/// run goes through the same pipeline (logging, validation) as an API call.
/// </summary>
internal abstract class CommandJobBase(IServiceScopeFactory scopes, ILogger logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var envelope = CommandEnvelope.Read(context.MergedJobDataMap);
        if (envelope is null)
        {
            logger.LogError("Scheduled firing {TriggerKey} carries no command; nothing was run", context.Trigger.Key);
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            await mediator.Send(envelope.Deserialize(), cancellationToken);
        }
        catch (ValidationException ex)
        {
            // Retrying an invalid command cannot help: say why and let the scheduler carry on.
            logger.LogError(ex, "Scheduled command {Command} ({TriggerKey}) failed validation: {Errors}",
                envelope.TypeName, context.Trigger.Key, string.Join("; ", ex.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));
            throw new JobExecutionException(ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Scheduled command {Command} ({TriggerKey}) failed", envelope.TypeName, context.Trigger.Key);
            // Rethrown so that Quartz records the firing as failed (execution history, job status).
            throw new JobExecutionException(ex);
        }
    }
}

/// <summary>One-off commands without a deduplication key: any number may run side by side.</summary>
internal sealed class CommandJob(IServiceScopeFactory scopes, ILogger<CommandJob> logger) : CommandJobBase(scopes, logger);

/// <summary>
/// Commands with a deduplication key and recurring commands: each has a job of its own (keyed by the dedup key or
/// the recurring name), so no two runs of one key overlap, while different keys still run in parallel.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class SerializedCommandJob(IServiceScopeFactory scopes, ILogger<SerializedCommandJob> logger) : CommandJobBase(scopes, logger);
