using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Time;
using ModularAnalytics.Modules.Experimentation.Application.Abstractions;
using ModularAnalytics.Modules.Experimentation.Application.Common;

namespace ModularAnalytics.Modules.Experimentation.Application.Events.RecordEvents;

internal sealed class RecordEventsHandler(IExperimentationWarehouse warehouse, ExperimentationOptions options, TimeProvider time)
    : ICommandHandler<RecordEventsCommand, EventsAcceptedDto>
{
    public async Task<EventsAcceptedDto> Handle(RecordEventsCommand request, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        var events = request.Events!.Select(e => new ExperimentEvent(
            request.EnvironmentId, e!.Event!, e.Identifier!, e.FeatureName ?? string.Empty, e.Value ?? string.Empty,
            e.Timestamp?.UtcDateTime ?? now, now)).ToList();
        EventTimestamps.Check([.. events.Select(e => e.Timestamp)], now, options, "events");
        if (!warehouse.IsEnabled)
        {
            throw new ServiceUnavailableException($"Events cannot be stored: the warehouse is disabled ({warehouse.DisabledReason}).");
        }

        await warehouse.WriteEventsAsync(events, cancellationToken);
        return new EventsAcceptedDto(events.Count);
    }
}
