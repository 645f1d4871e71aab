namespace ModularAnalytics.Modules.Catalog.Api.Common;

internal static class CatalogRoutes
{
    public const string Tag = "Catalog";
    public const string Organisations = "/api/v1/organisations";
    public const string Projects = "/api/v1/projects";
    public const string Environments = Projects + "/{projectId:int}/environments";
    public const string Flags = Projects + "/{projectId:int}/flags";
}
