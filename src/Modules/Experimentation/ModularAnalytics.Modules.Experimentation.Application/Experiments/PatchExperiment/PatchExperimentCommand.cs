using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Experimentation.Application.Experiments.PatchExperiment;

/// <summary>Changes what the body names: <c>*Set</c> tells a field that is absent from one sent as null.</summary>
public sealed record PatchExperimentCommand(
    int ProjectId,
    int ExperimentId,
    bool NameSet,
    string? Name,
    bool EndedAtSet,
    DateTimeOffset? EndedAt) : ICommand<ExperimentDto>;
