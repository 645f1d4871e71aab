using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using ModularAnalytics.BuildingBlocks.Application.Configuration;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;

public enum RelationalProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which relational store this process uses: PostgreSQL when a connection string is set, else a SQLite file.</summary>
public sealed record RelationalStore(RelationalProvider Provider, string ConnectionString)
{
    public const string PostgresConnectionStringKey = "ConnectionStrings:Postgres";
    public const string SqliteFileName = "modularanalytics.db";

    public static RelationalStore FromConfiguration(IConfiguration configuration)
    {
        var postgres = configuration[PostgresConnectionStringKey];
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            return new RelationalStore(RelationalProvider.Postgres, postgres);
        }

        var directory = StoragePaths.ResolveDataDirectory(configuration[StoragePaths.DataDirectoryKey]);
        StoragePaths.EnsurePrivateDirectory(directory);
        var file = Path.Combine(directory, SqliteFileName);
        CreatePrivateDatabase(file);
        // Pooling off: a pooled connection keeps the file open after the host stops, which breaks test clean-up.
        return new RelationalStore(RelationalProvider.Sqlite, $"Data Source={file};Pooling=False;Foreign Keys=True");
    }

    /// <summary>
    /// Creates the SQLite file as 0600 before anything opens it (SQLite gives its WAL and journal files the database
    /// file's mode, so they are private too). EF Core switches a database it creates itself to WAL; a file that already
    /// exists is left in rollback-journal mode, where readers block writers, so the switch is made here instead.
    /// </summary>
    private static void CreatePrivateDatabase(string file)
    {
        var existed = File.Exists(file);
        StoragePaths.EnsurePrivateFile(file);
        if (existed)
        {
            return;
        }

        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = 'wal';";
        command.ExecuteNonQuery();
    }
}
