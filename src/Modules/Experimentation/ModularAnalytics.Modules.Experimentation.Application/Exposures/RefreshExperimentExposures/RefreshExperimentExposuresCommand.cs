using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Experimentation.Application.Exposures.RefreshExperimentExposures;

/// <summary>Scheduled: recomputes the experiment's exposures over its whole window and stores them.</summary>
internal sealed record RefreshExperimentExposuresCommand(int ExperimentId) : ICommand;
