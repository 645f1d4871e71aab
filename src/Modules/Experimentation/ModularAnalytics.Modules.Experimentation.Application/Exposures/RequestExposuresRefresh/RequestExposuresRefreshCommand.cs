using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Experimentation.Application.Exposures.RequestExposuresRefresh;

/// <summary>The API's refresh: schedules a recount of the experiment's exposures (debounced).</summary>
public sealed record RequestExposuresRefreshCommand(int ProjectId, int ExperimentId) : ICommand;
