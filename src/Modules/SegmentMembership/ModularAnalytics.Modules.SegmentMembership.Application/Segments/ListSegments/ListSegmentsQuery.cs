using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments.ListSegments;

internal sealed record ListSegmentsQuery(int ProjectId) : IQuery<IReadOnlyList<SegmentDto>>;
