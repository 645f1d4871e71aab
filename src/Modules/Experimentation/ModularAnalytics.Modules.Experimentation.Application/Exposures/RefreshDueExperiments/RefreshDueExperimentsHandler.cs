using MediatR;
using Microsoft.Extensions.Logging;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Scheduling;
using ModularAnalytics.Modules.Experimentation.Application.Abstractions;
using ModularAnalytics.Modules.Experimentation.Application.Common;

namespace ModularAnalytics.Modules.Experimentation.Application.Exposures.RefreshDueExperiments;

internal sealed partial class RefreshDueExperimentsHandler(
    IExperimentRepository experiments,
    ICommandScheduler scheduler,
    ILogger<RefreshDueExperimentsHandler> logger) : ICommandHandler<RefreshDueExperimentsCommand>
{
    public async Task<Unit> Handle(RefreshDueExperimentsCommand request, CancellationToken cancellationToken)
    {
        var due = await experiments.ListDueForRefreshAsync(cancellationToken);
        foreach (var experimentId in due)
        {
            await scheduler.EnqueueExposuresRefreshAsync(experimentId, TimeSpan.Zero, cancellationToken);
        }

        LogFannedOut(logger, due.Count);
        return Unit.Value;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Exposures refresh scheduled for {Count} running or just-ended experiments")]
    private static partial void LogFannedOut(ILogger logger, int count);
}
