namespace ModularAnalytics.Modules.SegmentMembership.Domain.Identities;

public static class IdentityLimits
{
    public const int MaxIdentitiesPerCall = 10_000;

    /// <summary>In UTF-8 bytes: the identifier is part of a B-tree key, whose entries PostgreSQL caps near 2.7 kB.</summary>
    public const int MaxIdentifierBytes = 2000;

    public const int MaxKeyLength = 2000;
    public const int MaxTraitKeyLength = 200;
    public const int MaxTraitStringLength = 2000;
    public const int MaxTraitsPerIdentity = 1000;
}
