using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments.GetSegment;

internal sealed record GetSegmentQuery(int ProjectId, int SegmentId) : IQuery<SegmentDto>;
