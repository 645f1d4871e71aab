using System.Text.Json;
using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments.CreateSegment;

internal sealed record CreateSegmentCommand(int ProjectId, string? Name, string? Key, string? Description, JsonElement? Rules)
    : ICommand<SegmentDto>, ISegmentInput;
