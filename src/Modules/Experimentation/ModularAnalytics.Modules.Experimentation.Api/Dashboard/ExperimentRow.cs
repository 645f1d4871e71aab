using ModularAnalytics.Modules.Experimentation.Application.Experiments;
using ModularAnalytics.Modules.Experimentation.Application.Exposures;

namespace ModularAnalytics.Modules.Experimentation.Api.Dashboard;

/// <summary>An experiment with its stored exposures and the status the list shows: running, ended or final.</summary>
internal sealed record ExperimentRow(ExperimentDto Experiment, ExposuresDto Exposures, string Status)
{
    public const string Running = "running";
    public const string Ended = "ended";
    public const string Final = "final";

    public static ExperimentRow Of(ExperimentDto experiment, ExposuresDto exposures, DateTime now) => new(
        experiment,
        exposures,
        exposures.IsFinal ? Final : experiment.EndedAt is { } end && end <= now ? Ended : Running);
}
