using MediatR;
using Microsoft.Extensions.Logging;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Time;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.Experimentation.Application.Abstractions;
using ModularAnalytics.Modules.Experimentation.Application.Common;
using ModularAnalytics.Modules.Experimentation.Domain.Exposures;

namespace ModularAnalytics.Modules.Experimentation.Application.Exposures.RefreshExperimentExposures;

internal sealed partial class RefreshExperimentExposuresHandler(
    IMediator mediator,
    IExperimentRepository experiments,
    IExposuresRepository exposures,
    IExperimentationUnitOfWork unitOfWork,
    IExperimentationWarehouse warehouse,
    ExperimentationOptions options,
    TimeProvider time,
    ILogger<RefreshExperimentExposuresHandler> logger) : ICommandHandler<RefreshExperimentExposuresCommand>
{
    public async Task<Unit> Handle(RefreshExperimentExposuresCommand request, CancellationToken cancellationToken)
    {
        var experiment = await experiments.FindAsync(request.ExperimentId, cancellationToken);
        var project = experiment is null ? null : await mediator.Send(new GetProjectQuery(experiment.ProjectId), cancellationToken);
        if (experiment is null || project is null)
        {
            LogGone(logger, request.ExperimentId);
            return Unit.Value;
        }

        var asOf = time.UtcNow();
        var stored = await exposures.GetOrAddAsync(experiment.Id, cancellationToken);
        if (!warehouse.IsEnabled)
        {
            var reason = $"the warehouse is disabled ({warehouse.DisabledReason})";
            LogSkipped(logger, experiment.Id, reason);
            stored.RecordSkipped(asOf, reason);
            await unitOfWork.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }

        try
        {
            var window = experiment.WindowAt(asOf);
            var counts = window.IsEmpty
                ? []
                : await warehouse.CountFirstExposuresAsync(
                    new ExposureQuery(project.OrganisationId, project.Id, experiment.Id, experiment.EnvironmentId, experiment.FlagKey, window),
                    options.RefreshTimeout,
                    cancellationToken);
            var payload = ExposurePayloadMapper.Map(experiment.Variants, window, counts, options.SrmMinimumIdentities);
            stored.RecordRefresh(payload, asOf, window.End);
            await unitOfWork.SaveChangesAsync(cancellationToken);
            LogRefreshed(logger, experiment.Id, payload.TotalIdentities, window.Start, window.End);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The last good payload stays; the failure is recorded beside it rather than failing the job again later.
            LogFailed(logger, ex, experiment.Id);
            stored.RecordFailure(time.UtcNow(), ex.GetType().Name + ": " + ex.Message);
            await unitOfWork.SaveChangesAsync(CancellationToken.None);
        }

        return Unit.Value;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Exposures refresh of experiment {ExperimentId} skipped: it or its project no longer exists")]
    private static partial void LogGone(ILogger logger, int experimentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exposures refresh of experiment {ExperimentId} skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, int experimentId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Exposures of experiment {ExperimentId} refreshed: {Identities} identities from {From:O} to {To:O}")]
    private static partial void LogRefreshed(ILogger logger, int experimentId, long identities, DateTime from, DateTime to);

    [LoggerMessage(Level = LogLevel.Error, Message = "Exposures refresh of experiment {ExperimentId} failed; the last payload is kept")]
    private static partial void LogFailed(ILogger logger, Exception exception, int experimentId);
}
