using System.Text.Json;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments;

/// <summary>The writable fields of a segment, shared by create and replace.</summary>
internal interface ISegmentInput
{
    string? Name { get; }

    string? Key { get; }

    string? Description { get; }

    JsonElement? Rules { get; }
}
