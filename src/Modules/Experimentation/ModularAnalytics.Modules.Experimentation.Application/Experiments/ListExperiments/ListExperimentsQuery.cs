using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Experimentation.Application.Experiments.ListExperiments;

public sealed record ListExperimentsQuery(int ProjectId) : IQuery<IReadOnlyList<ExperimentDto>>;
