using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

/// <summary>The warehouse side of the pipeline (ClickHouse in Infrastructure).</summary>
internal interface ISegmentWarehouse
{
    bool IsEnabled { get; }

    string? DisabledReason { get; }

    /// <summary>Streams identities into the warehouse in batches; <paramref name="insertedAt"/> decides which copy dedup keeps.</summary>
    Task<long> WriteIdentitiesAsync(EnvironmentRef environment, IAsyncEnumerable<IdentityContext> identities, DateTime insertedAt, WarehouseWork work, CancellationToken cancellationToken);

    /// <summary>
    /// Each segment's member count among the environment's identities, in one scan. A segment the warehouse cannot
    /// count is reported in <see cref="SegmentCounts.Failures"/> and the others are still counted.
    /// </summary>
    Task<SegmentCounts> CountAsync(EnvironmentRef environment, IReadOnlyList<SegmentDefinition> segments, WarehouseWork work, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> members after <paramref name="afterIdentifier"/>, in identifier order.</summary>
    Task<WarehouseMembersPage> ReadMembersAsync(EnvironmentRef environment, SegmentDefinition segment, string? afterIdentifier, int limit, WarehouseWork work, CancellationToken cancellationToken);
}
