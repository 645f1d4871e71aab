using Npgsql;

namespace ModularAnalytics.Testing;

/// <summary>
/// Takes a test host's real relational store away and brings it back. PostgreSQL: the database stops taking
/// connections and every open one is terminated. SQLite (no pooling here): the data directory is moved away, so
/// opening the file fails, and a transaction in flight loses its journal path.
/// </summary>
public sealed class RelationalOutage : IAsyncDisposable
{
    private readonly ServiceFactory _factory;
    private readonly string? _database;
    private bool _active;

    private RelationalOutage(ServiceFactory factory)
    {
        _factory = factory;
        _database = factory.PostgresConnectionString is { } cs ? new NpgsqlConnectionStringBuilder(cs).Database : null;
    }

    private string AwayDirectory => _factory.DataDirectory + "-away";

    public static async Task<RelationalOutage> BeginAsync(ServiceFactory factory)
    {
        var outage = new RelationalOutage(factory);
        if (outage._database is { } database)
        {
            await AdminAsync(
                $"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS false",
                $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()");
        }
        else
        {
            Directory.Move(factory.DataDirectory, outage.AwayDirectory);
        }

        outage._active = true;
        return outage;
    }

    public async Task EndAsync()
    {
        if (!_active)
        {
            return;
        }

        _active = false;
        if (_database is { } database)
        {
            await AdminAsync($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS true");
        }
        else
        {
            // A failed open may have recreated the directory path; the real one goes back in its place.
            if (Directory.Exists(_factory.DataDirectory))
            {
                Directory.Delete(_factory.DataDirectory, recursive: true);
            }

            Directory.Move(AwayDirectory, _factory.DataDirectory);
        }
    }

    public async ValueTask DisposeAsync() => await EndAsync();

    private static async Task AdminAsync(params string[] statements)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.Instance.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }
}
