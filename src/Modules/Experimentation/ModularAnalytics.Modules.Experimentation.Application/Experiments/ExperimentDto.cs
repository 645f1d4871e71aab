using ModularAnalytics.Modules.Experimentation.Domain.Experiments;

namespace ModularAnalytics.Modules.Experimentation.Application.Experiments;

public sealed record ExperimentVariantDto(string Key, double Weight);

public sealed record ExperimentDto(
    int Id,
    int ProjectId,
    string Name,
    string FlagKey,
    int EnvironmentId,
    IReadOnlyList<ExperimentVariantDto> Variants,
    DateTime StartedAt,
    DateTime? EndedAt)
{
    public static ExperimentDto From(Experiment experiment) => new(
        experiment.Id,
        experiment.ProjectId,
        experiment.Name,
        experiment.FlagKey,
        experiment.EnvironmentId,
        [.. experiment.Variants.Select(v => new ExperimentVariantDto(v.Key, v.Weight))],
        experiment.StartedAt,
        experiment.EndedAt);
}
