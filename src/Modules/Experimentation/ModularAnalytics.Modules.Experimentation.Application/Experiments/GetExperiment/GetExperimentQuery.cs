using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Experimentation.Application.Experiments.GetExperiment;

public sealed record GetExperimentQuery(int ProjectId, int ExperimentId) : IQuery<ExperimentDto>;
