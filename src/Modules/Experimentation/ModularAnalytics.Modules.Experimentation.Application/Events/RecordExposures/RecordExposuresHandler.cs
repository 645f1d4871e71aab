using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Time;
using ModularAnalytics.Modules.Experimentation.Application.Abstractions;
using ModularAnalytics.Modules.Experimentation.Contracts;

namespace ModularAnalytics.Modules.Experimentation.Application.Events.RecordExposures;

/// <summary>Exposures handed over by another module's ingestion (Datar's <c>recordSource: "exposure"</c>).</summary>
internal sealed class RecordExposuresHandler(IExperimentationWarehouse warehouse, TimeProvider time) : IRequestHandler<RecordExposuresCommand, RecordExposuresResult>
{
    public async Task<RecordExposuresResult> Handle(RecordExposuresCommand request, CancellationToken cancellationToken)
    {
        if (request.Exposures.Count == 0)
        {
            return new RecordExposuresResult(0, null);
        }

        // Disabled is a configuration, not an outage: retrying would never help, so the caller is told instead of refused.
        if (!warehouse.IsEnabled)
        {
            return new RecordExposuresResult(0, $"the warehouse is disabled ({warehouse.DisabledReason})");
        }

        var now = time.UtcNow();
        var events = request.Exposures
            .Select(e => new ExperimentEvent(request.EnvironmentId, ExperimentEvent.FlagExposure, e.Identifier, e.FeatureName, e.Value, e.Timestamp.UtcDateTime, now))
            .ToList();
        await warehouse.WriteEventsAsync(events, cancellationToken);
        return new RecordExposuresResult(events.Count, null);
    }
}
