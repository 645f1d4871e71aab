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
        // SQLite gives its journal and WAL files the database file's mode, so 0600 here covers them too.
        StoragePaths.EnsurePrivateFile(file);
        // Pooling off: a pooled connection keeps the file open after the host stops, which breaks test clean-up.
        return new RelationalStore(RelationalProvider.Sqlite, $"Data Source={file};Pooling=False;Foreign Keys=True");
    }
}
