namespace ModularAnalytics.Modules.Experimentation.Api.Common;

internal static class ExperimentRoutes
{
    public const string Tag = "Experimentation";
    public const string Experiments = "/api/v1/projects/{projectId:int}/experiments";
    public const string Experiment = Experiments + "/{experimentId:int}";
    public const string Exposures = Experiment + "/exposures";
    public const string ExposuresRefresh = Exposures + "/refresh";
    public const string Events = "/api/v1/events";
}
