using ModularAnalytics.Modules.Catalog.Domain.Environments;

namespace ModularAnalytics.Modules.Catalog.Application.Environments;

internal sealed record EnvironmentDto(int Id, int ProjectId, string Name, string Key)
{
    public static EnvironmentDto From(ProjectEnvironment environment) =>
        new(environment.Id, environment.ProjectId, environment.Name, environment.Key);
}
