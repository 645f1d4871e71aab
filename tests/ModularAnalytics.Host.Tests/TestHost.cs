using Microsoft.AspNetCore.Mvc.Testing;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using Npgsql;

namespace ModularAnalytics.Host.Tests;

/// <summary>The real host on a fresh store, migrations not applied, no warehouse.</summary>
internal sealed class TestHost : IDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly string _directory;

    private TestHost(WebApplicationFactory<Program> factory, string directory)
    {
        _factory = factory;
        _directory = directory;
    }

    public IServiceProvider Services => _factory.Services;

    public static TestHost Create(RelationalProvider provider)
    {
        var directory = Directory.CreateTempSubdirectory("ma-host-test-").FullName;
        string? postgres = null;
        if (provider == RelationalProvider.Postgres)
        {
            var server = Environment.GetEnvironmentVariable("MODULARANALYTICS_TEST_POSTGRES")
                ?? throw new InvalidOperationException("Set MODULARANALYTICS_TEST_POSTGRES (bash .ci/run does).");
            var database = "ma_" + Guid.NewGuid().ToString("N");
            using (var connection = new NpgsqlConnection(server))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = $"CREATE DATABASE \"{database}\"";
                command.ExecuteNonQuery();
            }

            postgres = new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = false }.ConnectionString;
        }

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Storage:DataDirectory", directory);
            builder.UseSetting("ConnectionStrings:Postgres", postgres ?? string.Empty);
            builder.UseSetting("Database:MigrateOnStartup", "false");
            builder.UseSetting("Warehouse:Mode", "Disabled");
            builder.UseSetting("Scheduling:Enabled", "false");
            builder.UseSetting("Auth:AdminToken", "test-admin-token");
        });
        return new TestHost(factory, directory);
    }

    public void Dispose()
    {
        _factory.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
