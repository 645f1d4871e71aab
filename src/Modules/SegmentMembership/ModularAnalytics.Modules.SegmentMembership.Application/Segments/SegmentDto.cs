using System.Text.Json;
using ModularAnalytics.Modules.SegmentMembership.Domain.Membership;
using ModularAnalytics.Modules.SegmentMembership.Domain.Segments;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments;

/// <summary><see cref="Environment"/> is the environment's id.</summary>
internal sealed record MembershipCountDto(int Environment, long Count, DateTime LastSyncedAt);

internal sealed record SegmentDto(
    int Id,
    int ProjectId,
    string Key,
    string Name,
    string? Description,
    JsonElement Rules,
    IReadOnlyList<MembershipCountDto> MembershipCounts,
    MembershipStatusDto MembershipStatus)
{
    public static SegmentDto From(Segment segment, IEnumerable<SegmentMembershipCount> counts, MembershipStatusDto status)
    {
        using var rules = JsonDocument.Parse(segment.RulesJson);
        return new SegmentDto(
            segment.Id,
            segment.ProjectId,
            segment.EffectiveKey,
            segment.Name,
            segment.Description,
            rules.RootElement.Clone(),
            [.. counts.OrderBy(c => c.EnvironmentId).Select(c => new MembershipCountDto(c.EnvironmentId, c.Count, DateTime.SpecifyKind(c.LastSyncedAt, DateTimeKind.Utc)))],
            status);
    }
}
