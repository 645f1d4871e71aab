using System.Globalization;
using System.Threading.Channels;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Application.Common;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

/// <summary>
/// <see cref="ISegmentWarehouse"/> on ClickHouse. Environments are stored by id (<c>environment_id</c> is its decimal
/// text); every statement carries the work's <c>log_comment</c>.
/// </summary>
internal sealed class ClickHouseSegmentWarehouse(IClickHouseClient client, WarehouseStatus status, SegmentMembershipOptions options) : ISegmentWarehouse
{
    /// <summary>Above this many segments one scan is split, so a query's text and alias list stay bounded.</summary>
    internal const int MaxSegmentsPerScan = 200;

    /// <summary>TIMEOUT_EXCEEDED, TOO_SLOW, SOCKET_TIMEOUT, NETWORK_ERROR, TOO_MANY_SIMULTANEOUS_QUERIES, MEMORY_LIMIT_EXCEEDED.</summary>
    private static readonly HashSet<int> TransientCodes = [159, 160, 209, 210, 202, 241];

    public bool IsEnabled => status.IsEnabled;

    public string? DisabledReason => status.DisabledReason;

    /// <remarks>
    /// Why two tasks: reading the source and preparing rows (C#) overlaps with serialising and inserting the previous
    /// batch (mostly ClickHouse parsing it); one batch waits in between.
    /// </remarks>
    public async Task<long> WriteIdentitiesAsync(EnvironmentRef environment, IAsyncEnumerable<IdentityContext> identities, DateTime insertedAt, WarehouseWork work, CancellationToken cancellationToken)
    {
        var environmentId = Id(environment);
        var insert = IdentityWarehouseRows.Insert() with { LogComment = work.LogComment };
        var batches = Channel.CreateBounded<List<IdentityWarehouseRow>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                var batch = new List<IdentityWarehouseRow>(options.BackfillBatchSize);
                await foreach (var identity in identities.WithCancellation(stop.Token))
                {
                    batch.Add(IdentityWarehouseRows.Row(environmentId, identity, insertedAt));
                    if (batch.Count >= options.BackfillBatchSize)
                    {
                        await batches.Writer.WriteAsync(batch, stop.Token);
                        batch = new List<IdentityWarehouseRow>(options.BackfillBatchSize);
                    }
                }

                if (batch.Count > 0)
                {
                    await batches.Writer.WriteAsync(batch, stop.Token);
                }

                batches.Writer.Complete();
            }
            catch (Exception ex)
            {
                batches.Writer.Complete(ex);
            }
        }, CancellationToken.None);

        long written = 0;
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(stop.Token))
            {
                written += await client.InsertAsync(insert, batch, stop.Token);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }

        return written;
    }

    public async Task<SegmentCounts> CountAsync(EnvironmentRef environment, IReadOnlyList<SegmentDefinition> segments, WarehouseWork work, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var counts = new Dictionary<int, long>(segments.Count);
        var failures = new Dictionary<int, string>();
        var types = await ReadTraitTypesAsync(environment, work, deadline.Token);
        foreach (var chunk in segments.Chunk(MaxSegmentsPerScan))
        {
            try
            {
                await CountChunkAsync(environment, chunk, types, work, timeout, counts, deadline.Token);
            }
            catch (Exception ex) when (IsSegmentFailure(ex) && chunk.Length > 1)
            {
                // One segment the warehouse cannot count must not cost the others theirs: count them one by one.
                foreach (var segment in chunk)
                {
                    try
                    {
                        await CountChunkAsync(environment, [segment], types, work, timeout, counts, deadline.Token);
                    }
                    catch (Exception single) when (IsSegmentFailure(single))
                    {
                        failures[segment.Id] = Describe(single);
                    }
                }
            }
            catch (Exception ex) when (IsSegmentFailure(ex))
            {
                failures[chunk[0].Id] = Describe(ex);
            }
        }

        return new SegmentCounts(counts, failures);
    }

    private async Task CountChunkAsync(EnvironmentRef environment, SegmentDefinition[] chunk, IReadOnlyDictionary<string, IReadOnlySet<string>> types, WarehouseWork work, TimeSpan timeout, Dictionary<int, long> counts, CancellationToken cancellationToken)
    {
        var query = Tune(BuildCountQuery(environment, chunk, types))
            .WithLogComment(work.LogComment)
            .WithSetting("max_execution_time", Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        var row = (await client.QueryAsync(query, cancellationToken)).Single();
        foreach (var segment in chunk)
        {
            counts[segment.Id] = row.GetInt64(Label(segment.Id));
        }
    }

    /// <summary>
    /// An error of the segment's query (ClickHouse refused or could not run it), as opposed to the warehouse being
    /// unreachable, or a compile error of stored rules; both fail one segment, not the refresh.
    /// </summary>
    private static bool IsSegmentFailure(Exception ex) =>
        ex is ClickHouseException { Code: > 0 } || ex is FormatException or ArgumentException or InvalidOperationException or NotSupportedException;

    private static string Describe(Exception ex) =>
        ex is ClickHouseException ch ? $"ClickHouse error {ch.Code.ToString(CultureInfo.InvariantCulture)}: {ch.Message}" : ex.Message;

    /// <summary>One <c>countIf</c> per segment over <c>identities FINAL</c> of the environment.</summary>
    internal static ClickHouseQuery BuildCountQuery(EnvironmentRef environment, IReadOnlyList<SegmentDefinition> segments, IReadOnlyDictionary<string, IReadOnlySet<string>>? traitTypes = null) =>
        SegmentSqlCompiler.CountQuery(Id(environment), environment.Context, [.. segments.Select(s => new SegmentToCompile(Label(s.Id), s.Key, s.Rules))], traitTypes: traitTypes);

    /// <summary>The value types each trait path holds in the environment (see <see cref="IdentityWarehouseRows.CreateTypes"/>).</summary>
    internal async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> ReadTraitTypesAsync(EnvironmentRef environment, WarehouseWork work, CancellationToken cancellationToken)
    {
        var query = new ClickHouseQuery(
                $"SELECT path, groupUniqArray(type) AS types FROM {IdentityWarehouseRows.TypesTable} WHERE environment_id = {{types_environment:String}} GROUP BY path")
            .WithParameter("types_environment", Id(environment))
            .WithLogComment(work.LogComment);
        var rows = await client.QueryAsync(query, cancellationToken);
        return rows.ToDictionary(r => r.GetString("path")!, r => (IReadOnlySet<string>)r.Get<string[]>("types")!.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public async Task<WarehouseMembersPage> ReadMembersAsync(EnvironmentRef environment, SegmentDefinition segment, string? afterIdentifier, int limit, WarehouseWork work, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadMembersPageAsync(environment, segment, afterIdentifier, limit, work, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            throw MembersProblem(segment, ex);
        }
    }

    /// <summary>
    /// A query the warehouse refuses is a property of the segment's rules (409, until they are changed); a warehouse
    /// that is busy, slow or unreachable may answer later (503).
    /// </summary>
    internal static Exception MembersProblem(SegmentDefinition segment, Exception ex)
    {
        var id = segment.Id.ToString(CultureInfo.InvariantCulture);
        return ex switch
        {
            ClickHouseException { Code: > 0 } ch when !TransientCodes.Contains(ch.Code) =>
                new ConflictException($"The warehouse cannot evaluate the rules of segment {id}: {Describe(ch)}"),
            // Busy, slow or unreachable: the same public words as every other outage, no host names or driver text.
            ClickHouseException or HttpRequestException or IOException or TimeoutException =>
                new ServiceUnavailableException(DependencyNames.UnavailableDetail(DependencyNames.Warehouse)),
            _ when IsSegmentFailure(ex) => new ConflictException($"The rules of segment {id} cannot be evaluated: {ex.Message}"),
            _ => new ServiceUnavailableException($"The warehouse could not read the members of segment {id}: {ex.GetType().Name}: {ex.Message}"),
        };
    }

    private async Task<WarehouseMembersPage> ReadMembersPageAsync(EnvironmentRef environment, SegmentDefinition segment, string? afterIdentifier, int limit, WarehouseWork work, CancellationToken cancellationToken)
    {
        // First the page's identifiers (the narrow columns the rules touch), then the wide trait column of those rows only.
        var compiler = new SegmentSqlCompiler(environment.Context);
        var membership = compiler.Compile(segment.Key, segment.Rules);
        var inner = compiler.BuildQuery($"identifier, toUInt8({membership}) AS is_member", Id(environment));
        var query = new ClickHouseQuery(
            "SELECT identifier\nFROM (\n" + inner.Sql + "\n)\nWHERE is_member = 1 AND identifier > {members_after:String}\n" +
            "ORDER BY identifier\nLIMIT " + (limit + 1).ToString(CultureInfo.InvariantCulture)) { Parameters = inner.Parameters };
        query = Tune(query).WithParameter("members_after", afterIdentifier ?? string.Empty).WithLogComment(work.LogComment);
        var identifiers = (await client.QueryAsync(query, cancellationToken)).Select(r => r.GetString("identifier")!).ToList();
        var hasMore = identifiers.Count > limit;
        if (hasMore)
        {
            identifiers.RemoveAt(identifiers.Count - 1);
        }

        if (identifiers.Count == 0)
        {
            return new WarehouseMembersPage([], false);
        }

        var details = new ClickHouseQuery(
                $"SELECT identifier, identity_key, {IdentityWarehouseRows.TraitsAsStored} AS traits FROM {IdentityWarehouseRows.Table} FINAL " +
                "WHERE environment_id = {members_environment:String} AND has({members_page:Array(String)}, identifier)")
            .WithParameter("members_environment", Id(environment))
            .WithParameter("members_page", identifiers.ToArray())
            .WithLogComment(work.LogComment);
        var byIdentifier = (await client.QueryAsync(details, cancellationToken)).ToDictionary(r => r.GetString("identifier")!, StringComparer.Ordinal);
        var members = new List<WarehouseMember>(identifiers.Count);
        foreach (var identifier in identifiers)
        {
            if (byIdentifier.TryGetValue(identifier, out var row))
            {
                var key = row.GetString("identity_key");
                members.Add(new WarehouseMember(identifier, string.IsNullOrEmpty(key) ? environment.Key + "_" + identifier : key, row.GetString("traits") ?? "{}"));
            }
        }

        return new WarehouseMembersPage(members, hasMore);
    }

    /// <summary>
    /// Why: only ClickHouse's (new) analyzer resolves JSON subcolumn paths like <c>traits.`x`.:Int64</c>, and a server
    /// profile may have it off. Merging the query's layers into one expression is off because a value computed in a
    /// lower layer would then be recomputed at each of its uses inside lazily evaluated (short-circuit) branches.
    /// </summary>
    internal static ClickHouseQuery Tune(ClickHouseQuery query) =>
        query.WithSetting("enable_analyzer", "1").WithSetting("query_plan_merge_expressions", "0");

    internal static string Label(int segmentId) => "s" + segmentId.ToString(CultureInfo.InvariantCulture);

    private static string Id(EnvironmentRef environment) => environment.Id.ToString(CultureInfo.InvariantCulture);
}
