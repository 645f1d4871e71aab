using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ModularAnalytics.Testing;

public enum TestDatabase
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The whole service in memory on a fresh relational store: SQLite in its own temp data directory, or a new
/// PostgreSQL database in <see cref="PostgresServer"/>. The warehouse is off until tests need it.
/// </summary>
public class ServiceFactory : WebApplicationFactory<Program>
{
    public const string AdminToken = "test-admin-token-0123456789abcdef";
    public const string EnvironmentKeyHeader = "X-Environment-Key";

    public ServiceFactory(TestDatabase database)
    {
        Database = database;
        DataDirectory = Path.Combine(Path.GetTempPath(), "ma-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        PostgresConnectionString = database == TestDatabase.Postgres ? PostgresServer.Instance.CreateDatabase() : null;
    }

    public TestDatabase Database { get; }

    public string DataDirectory { get; }

    /// <summary>The test database's connection string when <see cref="Database"/> is PostgreSQL.</summary>
    public string? PostgresConnectionString { get; }

    public HttpClient CreateAdminClient() => CreateBearerClient(AdminToken);

    public HttpClient CreateBearerClient(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient CreateEnvironmentClient(string environmentKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(EnvironmentKeyHeader, environmentKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Production-like: what Development switches on (stricter DI checks aside) must not be what tests rely on.
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("ConnectionStrings:Postgres", PostgresConnectionString ?? string.Empty);
        builder.UseSetting("Auth:AdminToken", AdminToken);
        builder.UseSetting("Warehouse:Mode", "Disabled");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open only leaves a temp directory behind.
            }
        }
    }
}

public sealed class SqliteServiceFactory() : ServiceFactory(TestDatabase.Sqlite);

public sealed class PostgresServiceFactory() : ServiceFactory(TestDatabase.Postgres);
