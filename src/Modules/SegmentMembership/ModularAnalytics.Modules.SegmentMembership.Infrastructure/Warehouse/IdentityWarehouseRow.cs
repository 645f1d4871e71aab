using ModularAnalytics.Modules.SegmentMembership.Domain.Prepared;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

/// <summary>
/// One identity as it is written to the warehouse's <c>identities</c> table (see <see cref="IdentityRowConverter"/>),
/// its set traits with their prepared values, and those of its identifier and explicit key.
/// </summary>
internal sealed record IdentityWarehouseRow(
    string EnvironmentId,
    IdentityContext Identity,
    IReadOnlyList<(string Key, TraitValue Value, PreparedValue Prepared)> Traits,
    PreparedValue Identifier,
    PreparedValue? Key,
    DateTime InsertedAt);
