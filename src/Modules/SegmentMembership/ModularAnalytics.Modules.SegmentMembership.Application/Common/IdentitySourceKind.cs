namespace ModularAnalytics.Modules.SegmentMembership.Application.Common;

/// <summary>Where the backfill reads identities from (<c>SegmentMembership:IdentitySource</c>).</summary>
public enum IdentitySourceKind
{
    Relational,
    Ndjson,
}
