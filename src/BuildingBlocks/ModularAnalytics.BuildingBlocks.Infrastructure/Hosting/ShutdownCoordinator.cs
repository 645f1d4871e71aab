using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Hosting;

/// <summary>
/// Runs every <see cref="IShutdownParticipant"/> once the other hosted services (the web server included) have
/// stopped, so nothing new arrives while they finish; one failing does not stop the others.
/// </summary>
public sealed class ShutdownCoordinator(IEnumerable<IShutdownParticipant> participants, ILogger<ShutdownCoordinator> logger)
    : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private readonly Lock _gate = new();
    private Task? _run;

    // A host may be stopped more than once (stop, then dispose); participants run once, and a later stop waits for
    // that run, so that the host is not disposed under a participant still working (e.g. Datar's final flush).
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _run ??= RunParticipantsAsync(cancellationToken);
        }
    }

    private async Task RunParticipantsAsync(CancellationToken cancellationToken)
    {
        foreach (var participant in participants)
        {
            try
            {
                await participant.OnShutdownAsync(cancellationToken);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Shutdown participant {Participant} failed", participant.GetType().Name);
            }
        }
    }
}
