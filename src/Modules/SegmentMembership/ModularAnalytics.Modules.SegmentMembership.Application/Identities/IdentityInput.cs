using System.Text.Json;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Identities;

/// <summary>One element of the bulk body; trait values stay raw JSON so their number kinds survive.</summary>
internal sealed record IdentityInput(string? Identifier, string? Key, IReadOnlyDictionary<string, JsonElement>? Traits);
