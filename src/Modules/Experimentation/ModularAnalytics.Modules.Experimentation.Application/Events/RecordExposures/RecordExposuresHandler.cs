using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.Modules.Experimentation.Application.Abstractions;
using ModularAnalytics.Modules.Experimentation.Application.Common;
using ModularAnalytics.Modules.Experimentation.Contracts;

namespace ModularAnalytics.Modules.Experimentation.Application.Events.RecordExposures;

/// <summary>Exposures handed over by another module's ingestion (Datar's <c>recordSource: "exposure"</c>).</summary>
internal sealed class RecordExposuresHandler(IExperimentationWarehouse warehouse, TimeProvider time) : IRequestHandler<RecordExposuresCommand, Unit>
{
    public async Task<Unit> Handle(RecordExposuresCommand request, CancellationToken cancellationToken)
    {
        if (request.Exposures.Count == 0)
        {
            return Unit.Value;
        }

        if (!warehouse.IsEnabled)
        {
            throw new ServiceUnavailableException($"Exposures cannot be stored: the warehouse is disabled ({warehouse.DisabledReason}).");
        }

        var now = time.UtcNow();
        var events = request.Exposures
            .Select(e => new ExperimentEvent(request.EnvironmentId, ExperimentEvent.FlagExposure, e.Identifier, e.FeatureName, e.Value, e.Timestamp.UtcDateTime, now))
            .ToList();
        await warehouse.WriteEventsAsync(events, cancellationToken);
        return Unit.Value;
    }
}
