using ModularAnalytics.Modules.SegmentMembership.Domain.Identities;
using ModularAnalytics.Modules.SegmentMembership.Domain.Membership;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;
using ModularAnalytics.Modules.SegmentMembership.Domain.Segments;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

internal interface ISegmentRepository
{
    Task<Segment?> FindAsync(int projectId, int segmentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Segment>> ListByProjectAsync(int projectId, CancellationToken cancellationToken);

    /// <summary>Of the given projects, those with at least one segment.</summary>
    Task<IReadOnlyList<int>> ProjectsWithSegmentsAsync(IReadOnlyCollection<int> projectIds, CancellationToken cancellationToken);

    void Add(Segment segment);

    void Remove(Segment segment);
}

internal interface IMembershipCountStore
{
    /// <summary>Every count of the project's segments, in one query.</summary>
    Task<IReadOnlyList<SegmentMembershipCount>> ListByProjectAsync(int projectId, CancellationToken cancellationToken);

    Task<IReadOnlyList<SegmentMembershipCount>> ListBySegmentAsync(int segmentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<SegmentCountFailure>> ListFailuresByProjectAsync(int projectId, CancellationToken cancellationToken);

    Task<IReadOnlyList<SegmentCountFailure>> ListFailuresBySegmentAsync(int segmentId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the project's counts and count failures with this refresh's in one transaction, keeping only segments
    /// that still exist, and records the success in the project's refresh state. A (segment, environment) pair in
    /// <paramref name="failures"/> keeps its previous count; any other pair not in <paramref name="counts"/> is removed.
    /// </summary>
    Task ReplaceProjectCountsAsync(int projectId, IReadOnlyList<SegmentMembershipCount> counts, IReadOnlyList<SegmentCountFailure> failures, DateTime syncedAt, CancellationToken cancellationToken);

    /// <summary>Removes the segment's counts and count failures (its rules changed or it was deleted).</summary>
    Task DeleteSegmentCountsAsync(int segmentId, CancellationToken cancellationToken);
}

internal interface IRefreshStateStore
{
    Task RecordAsync(int projectId, Action<ProjectRefreshState> change, CancellationToken cancellationToken);

    Task<ProjectRefreshState?> FindAsync(int projectId, CancellationToken cancellationToken);
}

internal interface ISegmentMembershipUnitOfWork
{
    Task SaveChangesAsync(CancellationToken cancellationToken);
}

/// <summary>The module's relational identity store, written by the bulk API.</summary>
internal interface IIdentityStore
{
    /// <summary>Inserts or replaces every identity (traits wholesale) in one transaction.</summary>
    Task UpsertAsync(IReadOnlyList<StoredIdentity> identities, CancellationToken cancellationToken);
}

/// <summary>An environment as the pipeline needs it: its id, and the key and name that <c>$.environment.*</c> resolve to.</summary>
internal sealed record EnvironmentRef(int Id, string Key, string Name)
{
    public EnvironmentContext Context => new(Key, Name);
}

/// <summary>
/// Where the backfill reads identities from (the relational store by default, an NDJSON file as the alternative).
/// Identities come out in no particular order; each one at most once per environment.
/// </summary>
internal interface IIdentitySource
{
    IAsyncEnumerable<IdentityContext> ReadAsync(EnvironmentRef environment, CancellationToken cancellationToken);
}

/// <summary>A segment ready for the warehouse: its id, percentage-split salt and parsed rules.</summary>
internal sealed record SegmentDefinition(int Id, string Key, IReadOnlyList<SegmentRule> Rules);

/// <summary>One environment's counts, keyed by segment id, and why the segments that could not be counted failed.</summary>
internal sealed record SegmentCounts(IReadOnlyDictionary<int, long> Counts, IReadOnlyDictionary<int, string> Failures);

internal sealed record WarehouseMember(string Identifier, string Key, string TraitsJson);

internal sealed record WarehouseMembersPage(IReadOnlyList<WarehouseMember> Members, bool HasMore);

/// <summary>Attribution of warehouse work, sent as the query's <c>log_comment</c>.</summary>
internal sealed record WarehouseWork(string Stage, int OrganisationId, int ProjectId)
{
    public const string Backfill = "backfill";
    public const string Refresh = "refresh";
    public const string Read = "read";

    public string LogComment => $"modularanalytics:segment_membership:{Stage}:org_{OrganisationId}:project_{ProjectId}";
}

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

/// <summary>Compiles a REGEX condition's pattern, as translated for the warehouse, with the warehouse's own engine.</summary>
internal interface IRegexEngineCheck
{
    /// <summary>Why the engine refuses the pattern; null when it compiles, or when no engine is there to ask.</summary>
    Task<string?> CheckAsync(string pattern, CancellationToken cancellationToken);
}
