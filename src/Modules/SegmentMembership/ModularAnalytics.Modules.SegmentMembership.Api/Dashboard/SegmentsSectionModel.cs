using ModularAnalytics.Modules.SegmentMembership.Application.Segments;

namespace ModularAnalytics.Modules.SegmentMembership.Api.Dashboard;

internal sealed record SegmentsSectionModel(int ProjectId, IReadOnlyList<SegmentDto> Segments);
