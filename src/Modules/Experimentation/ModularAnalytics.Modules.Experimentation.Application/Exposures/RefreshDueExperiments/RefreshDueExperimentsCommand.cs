using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Experimentation.Application.Exposures.RefreshDueExperiments;

/// <summary>Recurring (<c>Experimentation:RefreshCron</c>): one refresh command per experiment that is still due.</summary>
internal sealed record RefreshDueExperimentsCommand : ICommand;
