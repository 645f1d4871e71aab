using System.Text.Json;
using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments;

internal sealed record CreateSegmentCommand(int ProjectId, string? Name, string? Key, string? Description, JsonElement? Rules)
    : ICommand<SegmentDto>, ISegmentInput;

internal sealed record ReplaceSegmentCommand(int ProjectId, int SegmentId, string? Name, string? Key, string? Description, JsonElement? Rules)
    : ICommand<SegmentDto>, ISegmentInput;

internal sealed record DeleteSegmentCommand(int ProjectId, int SegmentId) : ICommand;

internal sealed record GetSegmentQuery(int ProjectId, int SegmentId) : IQuery<SegmentDto>;

internal sealed record ListSegmentsQuery(int ProjectId) : IQuery<IReadOnlyList<SegmentDto>>;

internal sealed class CreateSegmentValidator : SegmentInputValidator<CreateSegmentCommand>;

internal sealed class ReplaceSegmentValidator : SegmentInputValidator<ReplaceSegmentCommand>;
