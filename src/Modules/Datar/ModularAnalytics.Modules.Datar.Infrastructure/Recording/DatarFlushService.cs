using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModularAnalytics.BuildingBlocks.Infrastructure.Hosting;
using ModularAnalytics.Modules.Datar.Application.Recording;

namespace ModularAnalytics.Modules.Datar.Infrastructure.Recording;

/// <summary>Flushes Datar every `Recorder:Datar:FlushInterval`, and everything once more when the service stops.</summary>
internal sealed class DatarFlushService(
    DatarFlusher flusher,
    RecorderOptions options,
    TimeProvider time,
    ILogger<DatarFlushService> logger) : BackgroundService, IShutdownParticipant
{
    private static readonly TimeSpan FinalFlushRetry = TimeSpan.FromMilliseconds(200);

    /// <summary>Before the server listens (hosted services start first): what the log holds from a crash is stored.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await flusher.ReplayAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await flusher.FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public async Task OnShutdownAsync(CancellationToken cancellationToken)
    {
        // Keep trying until stored or the host's shutdown timeout cancels us: a last outage should not lose the tail.
        while (!await flusher.FlushAsync(CancellationToken.None))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                logger.LogError("Datar's final flush did not reach the store before shutdown timed out; unflushed counts are lost");
                return;
            }

            await Task.Delay(FinalFlushRetry, CancellationToken.None);
        }

        logger.LogInformation("Datar flushed everything before shutdown");
    }
}
