using ModularAnalytics.Modules.Catalog.Domain.Projects;

namespace ModularAnalytics.Modules.Catalog.Application.Projects;

internal sealed record ProjectDto(int Id, int OrganisationId, string Name)
{
    public static ProjectDto From(Project project) => new(project.Id, project.OrganisationId, project.Name);
}
