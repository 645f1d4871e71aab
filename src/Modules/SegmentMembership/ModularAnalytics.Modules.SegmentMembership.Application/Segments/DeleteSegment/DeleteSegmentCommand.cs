using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments.DeleteSegment;

internal sealed record DeleteSegmentCommand(int ProjectId, int SegmentId) : ICommand;
