namespace ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

internal sealed record WarehouseMembersPage(IReadOnlyList<WarehouseMember> Members, bool HasMore);
