using System.Text.Json;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Members;

internal sealed record SegmentMemberDto(string Identifier, string Key, JsonElement Traits);

internal sealed record SegmentMembersDto(IReadOnlyList<SegmentMemberDto> Identities, string? NextCursor);
