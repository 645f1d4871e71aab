using ModularAnalytics.Modules.Catalog.Domain.Common;

namespace ModularAnalytics.Modules.Catalog.Domain.Organisations;

public sealed class Organisation
{
    private Organisation()
    {
    }

    public int Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>Gates segment membership counting for every project of the organisation.</summary>
    public bool SegmentMembershipInspection { get; private set; }

    /// <summary>SHA-256 of the API token; the token itself is never stored.</summary>
    public string ApiTokenHash { get; private set; } = string.Empty;

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Creates the organisation and its API token, which the caller sees exactly once.</summary>
    public static (Organisation Organisation, string ApiToken) Create(string? name, bool segmentMembershipInspection, DateTime now)
    {
        var token = Secrets.NewCredential();
        var organisation = new Organisation
        {
            Name = CatalogRules.RequireName(name),
            SegmentMembershipInspection = segmentMembershipInspection,
            ApiTokenHash = Secrets.Hash(token),
            CreatedAt = now,
            UpdatedAt = now,
        };
        return (organisation, token);
    }

    public void Rename(string? name, DateTime now)
    {
        Name = CatalogRules.RequireName(name);
        UpdatedAt = now;
    }

    public void SetSegmentMembershipInspection(bool enabled, DateTime now)
    {
        SegmentMembershipInspection = enabled;
        UpdatedAt = now;
    }
}
