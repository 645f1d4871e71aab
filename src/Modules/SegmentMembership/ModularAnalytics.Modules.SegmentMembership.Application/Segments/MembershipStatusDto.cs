namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments;

internal static class MembershipState
{
    public const string Ok = "ok";
    public const string Pending = "pending";
    public const string Failed = "failed";
    public const string Disabled = "disabled";
}

/// <summary>Whether a segment's counts are being computed, and why not when they are not.</summary>
internal sealed record MembershipStatusDto(string State, string? Reason = null, DateTime? LastErrorAt = null);
