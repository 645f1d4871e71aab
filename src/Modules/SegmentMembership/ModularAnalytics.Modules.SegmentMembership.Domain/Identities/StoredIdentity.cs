namespace ModularAnalytics.Modules.SegmentMembership.Domain.Identities;

/// <summary>
/// An identity in the module's relational store. <see cref="Key"/> is null when the default
/// (<c>&lt;environment key&gt;_&lt;identifier&gt;</c>) applies; <see cref="TraitsJson"/> is written by <see cref="IdentityTraits"/>.
/// </summary>
public sealed class StoredIdentity
{
    private StoredIdentity()
    {
    }

    public StoredIdentity(int environmentId, string identifier, string? key, string traitsJson, DateTime updatedAt)
    {
        EnvironmentId = environmentId;
        Identifier = identifier;
        Key = key;
        TraitsJson = traitsJson;
        UpdatedAt = updatedAt;
    }

    public int EnvironmentId { get; private set; }

    public string Identifier { get; private set; } = string.Empty;

    public string? Key { get; private set; }

    public string TraitsJson { get; private set; } = "{}";

    public DateTime UpdatedAt { get; private set; }
}
