using System.Text.Json;
using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments.ReplaceSegment;

internal sealed record ReplaceSegmentCommand(int ProjectId, int SegmentId, string? Name, string? Key, string? Description, JsonElement? Rules)
    : ICommand<SegmentDto>, ISegmentInput;
