using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Experimentation.Application.Events.RecordEvents;

/// <summary>A batch of events from one environment, stored whole or not at all.</summary>
public sealed record RecordEventsCommand(int EnvironmentId, IReadOnlyList<EventInput?>? Events) : ICommand<EventsAcceptedDto>;

public sealed record EventsAcceptedDto(int Accepted);
