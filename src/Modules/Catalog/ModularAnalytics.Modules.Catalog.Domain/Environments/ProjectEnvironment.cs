using ModularAnalytics.Modules.Catalog.Domain.Common;

namespace ModularAnalytics.Modules.Catalog.Domain.Environments;

/// <summary>An environment of a project (named so to stay clear of <see cref="System.Environment"/>).</summary>
public sealed class ProjectEnvironment
{
    private ProjectEnvironment()
    {
    }

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>The ingestion credential; random and unique across all environments.</summary>
    public string Key { get; private set; } = string.Empty;

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public static ProjectEnvironment Create(int projectId, string? name, DateTime now) => new()
    {
        ProjectId = projectId,
        Name = CatalogRules.RequireName(name),
        Key = Secrets.NewCredential(),
        CreatedAt = now,
        UpdatedAt = now,
    };
}
