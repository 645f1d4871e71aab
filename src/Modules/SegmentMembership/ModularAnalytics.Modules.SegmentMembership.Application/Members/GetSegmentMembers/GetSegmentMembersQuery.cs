using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Members.GetSegmentMembers;

internal sealed record GetSegmentMembersQuery(int ProjectId, int SegmentId, int? EnvironmentId, int? Limit, string? Cursor) : IQuery<SegmentMembersDto>;
