using ModularAnalytics.Modules.Catalog.Domain.Common;

namespace ModularAnalytics.Modules.Catalog.Domain.Projects;

public sealed class Project
{
    private Project()
    {
    }

    public int Id { get; private set; }

    public int OrganisationId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public static Project Create(int organisationId, string? name, DateTime now) => new()
    {
        OrganisationId = organisationId,
        Name = CatalogRules.RequireName(name),
        CreatedAt = now,
        UpdatedAt = now,
    };
}
