using Microsoft.EntityFrameworkCore;
using ModularAnalytics.Modules.SegmentMembership.Domain.Membership;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence.Stores;

/// <summary>SQL both the refresh-state and the count store need; a helper of its own so neither store calls the other.</summary>
internal static class RefreshStateRows
{
    /// <summary>Two refreshes of one project may run at once (with and without backfill): neither may fail on the insert.</summary>
    public static Task EnsureRefreshStateRowAsync(this SegmentMembershipDbContext db, int projectId, CancellationToken cancellationToken)
    {
        var table = SqlNames.Table<ProjectRefreshState>(db);
        var column = SqlNames.Column<ProjectRefreshState>(db, nameof(ProjectRefreshState.ProjectId));
        // Only model-derived, quoted names are spliced in; the value is a parameter.
        var sql = $"INSERT INTO {table} ({column}) VALUES ({{0}}) ON CONFLICT ({column}) DO NOTHING";
        return db.Database.ExecuteSqlRawAsync(sql, [projectId], cancellationToken);
    }
}
