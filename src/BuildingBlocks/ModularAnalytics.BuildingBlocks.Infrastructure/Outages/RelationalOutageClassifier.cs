using Microsoft.Data.Sqlite;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using Npgsql;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Outages;

/// <summary>PostgreSQL or SQLite could not be reached or refused to work right now (as opposed to rejecting a statement).</summary>
internal sealed class RelationalOutageClassifier : IOutageClassifier
{
    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN: the file, not the statement, is the problem.
    private static readonly HashSet<int> SqliteOutageCodes = [5, 6, 10, 13, 14];

    public string? UnreachableDependency(Exception exception) => exception switch
    {
        PostgresException p when p.IsTransient || IsUnavailableState(p.SqlState) => DependencyNames.RelationalStore,
        PostgresException => null,
        NpgsqlException => DependencyNames.RelationalStore,
        SqliteException s when SqliteOutageCodes.Contains(s.SqliteErrorCode) => DependencyNames.RelationalStore,
        _ => null,
    };

    // Connection exceptions, insufficient resources, operator intervention, a database that is gone or closed to connections.
    private static bool IsUnavailableState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal)
        || state.StartsWith("53", StringComparison.Ordinal)
        || state.StartsWith("57P", StringComparison.Ordinal)
        || state is "3D000" or "55000";
}
