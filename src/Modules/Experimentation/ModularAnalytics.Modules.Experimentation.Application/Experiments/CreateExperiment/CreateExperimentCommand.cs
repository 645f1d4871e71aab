using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Experimentation.Application.Experiments.CreateExperiment;

public sealed record CreateExperimentCommand(
    int ProjectId,
    string? Name,
    string? FlagKey,
    int? EnvironmentId,
    IReadOnlyList<VariantInput?>? Variants,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt) : ICommand<ExperimentDto>;
