namespace ModularAnalytics.BuildingBlocks.ClickHouse;

/// <summary>
/// Runs SQL against the service's ClickHouse database (<see cref="Database"/>, created on first use) through
/// whichever transport is configured. Unqualified table names resolve in that database.
/// </summary>
public interface IClickHouseClient
{
    string Database { get; }

    /// <summary>Runs a statement and reads every row it returns.</summary>
    Task<ClickHouseResult> QueryAsync(ClickHouseQuery query, CancellationToken cancellationToken = default);

    /// <summary>Runs a statement (DDL, INSERT ... SELECT, ...) and discards any output.</summary>
    Task ExecuteAsync(ClickHouseQuery query, CancellationToken cancellationToken = default);

    /// <summary>Streams rows as JSONEachRow into a table; returns the number of rows sent.</summary>
    Task<long> InsertAsync<T>(ClickHouseInsert insert, IAsyncEnumerable<T> rows, CancellationToken cancellationToken = default);
}

public static class ClickHouseClientExtensions
{
    public static Task<ClickHouseResult> QueryAsync(this IClickHouseClient client, string sql, CancellationToken cancellationToken = default) =>
        client.QueryAsync(new ClickHouseQuery(sql), cancellationToken);

    public static Task ExecuteAsync(this IClickHouseClient client, string sql, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync(new ClickHouseQuery(sql), cancellationToken);

    public static Task<long> InsertAsync<T>(this IClickHouseClient client, ClickHouseInsert insert, IEnumerable<T> rows, CancellationToken cancellationToken = default) =>
        client.InsertAsync(insert, ToAsync(rows), cancellationToken);

    private static async IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }
}
