using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Domain.Identities;
using ModularAnalytics.Modules.SegmentMembership.Domain.Membership;
using ModularAnalytics.Modules.SegmentMembership.Domain.Segments;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence.Stores;

internal sealed class SegmentRepository(SegmentMembershipDbContext db) : ISegmentRepository
{
    public Task<Segment?> FindAsync(int projectId, int segmentId, CancellationToken cancellationToken) =>
        db.Segments.FirstOrDefaultAsync(s => s.Id == segmentId && s.ProjectId == projectId, cancellationToken);

    public async Task<IReadOnlyList<Segment>> ListByProjectAsync(int projectId, CancellationToken cancellationToken) =>
        await db.Segments.AsNoTracking().Where(s => s.ProjectId == projectId).OrderBy(s => s.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<int>> ProjectsWithSegmentsAsync(IReadOnlyCollection<int> projectIds, CancellationToken cancellationToken) =>
        projectIds.Count == 0
            ? []
            : await db.Segments.Where(s => projectIds.Contains(s.ProjectId)).Select(s => s.ProjectId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);

    public void Add(Segment segment) => db.Segments.Add(segment);

    public void Remove(Segment segment) => db.Segments.Remove(segment);
}

internal sealed class SegmentMembershipUnitOfWork(SegmentMembershipDbContext db) : ISegmentMembershipUnitOfWork
{
    public Task SaveChangesAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}

internal sealed class MembershipCountStore(SegmentMembershipDbContext db) : IMembershipCountStore
{
    public async Task<IReadOnlyList<SegmentMembershipCount>> ListByProjectAsync(int projectId, CancellationToken cancellationToken) =>
        await db.MembershipCounts.AsNoTracking().Where(c => c.ProjectId == projectId).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<SegmentMembershipCount>> ListBySegmentAsync(int segmentId, CancellationToken cancellationToken) =>
        await db.MembershipCounts.AsNoTracking().Where(c => c.SegmentId == segmentId).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<SegmentCountFailure>> ListFailuresByProjectAsync(int projectId, CancellationToken cancellationToken) =>
        await db.CountFailures.AsNoTracking().Where(f => f.ProjectId == projectId).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<SegmentCountFailure>> ListFailuresBySegmentAsync(int segmentId, CancellationToken cancellationToken) =>
        await db.CountFailures.AsNoTracking().Where(f => f.SegmentId == segmentId).ToListAsync(cancellationToken);

    public async Task ReplaceProjectCountsAsync(int projectId, IReadOnlyList<SegmentMembershipCount> counts, IReadOnlyList<SegmentCountFailure> failures, DateTime syncedAt, CancellationToken cancellationToken)
    {
        await RefreshStateStore.EnsureRowAsync(db, projectId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Two refreshes of a project can overlap (with and without backfill): the snapshot that started counting last
        // wins, whichever commits last. The conditional update also locks the state row until commit.
        var newer = await db.RefreshStates
            .Where(s => s.ProjectId == projectId && (s.LastSucceededAt == null || s.LastSucceededAt < syncedAt))
            .ExecuteUpdateAsync(
                u => u.SetProperty(s => s.LastSucceededAt, (DateTime?)syncedAt).SetProperty(s => s.LastAttemptAt, (DateTime?)syncedAt).SetProperty(s => s.LastOutcome, RefreshOutcome.Succeeded),
                cancellationToken);
        if (newer == 0)
        {
            return;
        }

        // A pair that failed this time keeps its last good count.
        var failed = failures.Select(f => (f.SegmentId, f.EnvironmentId)).ToHashSet();
        var kept = (await db.MembershipCounts.AsNoTracking().Where(c => c.ProjectId == projectId).ToListAsync(cancellationToken))
            .Where(c => failed.Contains((c.SegmentId, c.EnvironmentId)))
            .ToList();
        await db.MembershipCounts.Where(c => c.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken);
        await db.CountFailures.Where(f => f.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken);

        // A segment deleted while it was being counted must not come back as counts.
        var live = (await db.Segments.Where(s => s.ProjectId == projectId).Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
        db.MembershipCounts.AddRange(counts.Concat(kept).Where(c => live.Contains(c.SegmentId)));
        db.CountFailures.AddRange(failures.Where(f => live.Contains(f.SegmentId)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    public async Task DeleteSegmentCountsAsync(int segmentId, CancellationToken cancellationToken)
    {
        await db.MembershipCounts.Where(c => c.SegmentId == segmentId).ExecuteDeleteAsync(cancellationToken);
        await db.CountFailures.Where(f => f.SegmentId == segmentId).ExecuteDeleteAsync(cancellationToken);
    }
}

internal sealed class RefreshStateStore(SegmentMembershipDbContext db) : IRefreshStateStore
{
    public async Task RecordAsync(int projectId, Action<ProjectRefreshState> change, CancellationToken cancellationToken)
    {
        await EnsureRowAsync(db, projectId, cancellationToken);
        var state = await db.RefreshStates.FirstAsync(s => s.ProjectId == projectId, cancellationToken);
        change(state);
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<ProjectRefreshState?> FindAsync(int projectId, CancellationToken cancellationToken) =>
        db.RefreshStates.AsNoTracking().FirstOrDefaultAsync(s => s.ProjectId == projectId, cancellationToken);

    /// <summary>Two refreshes of one project may run at once (with and without backfill): neither may fail on the insert.</summary>
    internal static Task EnsureRowAsync(SegmentMembershipDbContext db, int projectId, CancellationToken cancellationToken)
    {
        var table = SqlNames.Table<ProjectRefreshState>(db);
        var column = SqlNames.Column<ProjectRefreshState>(db, nameof(ProjectRefreshState.ProjectId));
        // Only model-derived, quoted names are spliced in; the value is a parameter.
        var sql = $"INSERT INTO {table} ({column}) VALUES ({{0}}) ON CONFLICT ({column}) DO NOTHING";
        return db.Database.ExecuteSqlRawAsync(sql, [projectId], cancellationToken);
    }
}

/// <summary>
/// Upserts with one multi-row <c>INSERT ... ON CONFLICT DO UPDATE</c> per chunk (same text on SQLite and PostgreSQL),
/// all chunks in one transaction: a bulk call is all or nothing, and concurrent calls cannot collide on the key.
/// </summary>
internal sealed class RelationalIdentityStore(SegmentMembershipDbContext db) : IIdentityStore
{
    private const int RowsPerStatement = 500;

    public async Task UpsertAsync(IReadOnlyList<StoredIdentity> identities, CancellationToken cancellationToken)
    {
        if (identities.Count == 0)
        {
            return;
        }

        string C(string property) => SqlNames.Column<StoredIdentity>(db, property);
        var environment = C(nameof(StoredIdentity.EnvironmentId));
        var identifier = C(nameof(StoredIdentity.Identifier));
        var key = C(nameof(StoredIdentity.Key));
        var traits = C(nameof(StoredIdentity.TraitsJson));
        var updated = C(nameof(StoredIdentity.UpdatedAt));
        var head = $"INSERT INTO {SqlNames.Table<StoredIdentity>(db)} ({environment}, {identifier}, {key}, {traits}, {updated}) VALUES ";
        var tail = $" ON CONFLICT ({environment}, {identifier}) DO UPDATE SET {key} = excluded.{key}, {traits} = excluded.{traits}, {updated} = excluded.{updated}";

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using var factory = db.Database.GetDbConnection().CreateCommand();
        foreach (var chunk in identities.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder(head);
            var parameters = new List<DbParameter>(chunk.Length * 5);
            string Parameter(object? value)
            {
                // Provider parameters, not EF's raw-SQL formatting: that one cannot type a null key.
                var parameter = factory.CreateParameter();
                parameter.ParameterName = "@p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
                parameter.Value = value ?? DBNull.Value;
                parameters.Add(parameter);
                return parameter.ParameterName;
            }

            for (var i = 0; i < chunk.Length; i++)
            {
                var row = chunk[i];
                sql.Append(i == 0 ? "(" : ", (")
                    .AppendJoin(", ", Parameter(row.EnvironmentId), Parameter(row.Identifier), Parameter(row.Key), Parameter(row.TraitsJson), Parameter(row.UpdatedAt))
                    .Append(')');
            }

            sql.Append(tail);
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
