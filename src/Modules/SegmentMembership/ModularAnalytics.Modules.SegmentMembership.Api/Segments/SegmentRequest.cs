using System.Text.Json;

namespace ModularAnalytics.Modules.SegmentMembership.Api.Segments;

// Defaults mark the contract's optional fields, which keeps them out of the OpenAPI `required` list.
internal sealed record SegmentRequest(string? Name, JsonElement? Rules, string? Key = null, string? Description = null);
