using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.Catalog.Domain.Environments;
using ModularAnalytics.Modules.Catalog.Domain.Flags;
using ModularAnalytics.Modules.Catalog.Domain.Projects;

namespace ModularAnalytics.Modules.Catalog.Application.Integration;

internal static class ContractMapping
{
    public static ProjectInfo ToInfo(this Project project) => new(project.Id, project.OrganisationId, project.Name);

    public static EnvironmentInfo ToInfo(this ProjectEnvironment environment, int organisationId) =>
        new(environment.Id, environment.ProjectId, organisationId, environment.Name, environment.Key);

    public static FlagInfo ToInfo(this Flag flag) => new(
        flag.Id,
        flag.ProjectId,
        flag.Key,
        flag.Description,
        flag.Enabled,
        flag.DataRecordsEnabled,
        [.. flag.Variants.OrderBy(v => v.Id).Select(v => new VariantInfo(v.Id, v.Key))]);
}
