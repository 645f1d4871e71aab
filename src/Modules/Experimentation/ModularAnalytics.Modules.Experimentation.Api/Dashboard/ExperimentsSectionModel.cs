namespace ModularAnalytics.Modules.Experimentation.Api.Dashboard;

internal sealed record ExperimentsSectionModel(int ProjectId, IReadOnlyList<ExperimentRow> Experiments);
