using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

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

    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Action<IServiceCollection>> _services = [];

    public ServiceFactory(TestDatabase database, bool embeddedWarehouse = false)
    {
        Database = database;
        WarehouseDatabase = embeddedWarehouse ? "ma_test_" + Guid.NewGuid().ToString("N") : null;
        DataDirectory = Path.Combine(Path.GetTempPath(), "ma-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        PostgresConnectionString = database == TestDatabase.Postgres ? PostgresServer.Instance.CreateDatabase() : null;
    }

    public TestDatabase Database { get; }

    /// <summary>This host's own ClickHouse database on the process-wide embedded engine, or null when the warehouse is off.</summary>
    public string? WarehouseDatabase { get; }

    public string DataDirectory { get; }

    /// <summary>The test database's connection string when <see cref="Database"/> is PostgreSQL.</summary>
    public string? PostgresConnectionString { get; }

    /// <summary>Adds or overrides a configuration value; call before the host starts.</summary>
    public ServiceFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Adds test services after the host's own; call before the host starts.</summary>
    public ServiceFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

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
        if (WarehouseDatabase is null)
        {
            builder.UseSetting("Warehouse:Mode", "Disabled");
        }
        else
        {
            // chDB allows one data path per process: every host of the test run shares it, each in its own database.
            builder.UseSetting("Warehouse:Mode", "Embedded");
            builder.UseSetting("Warehouse:Embedded:DataPath", EmbeddedWarehouse.DataPath);
            builder.UseSetting("Warehouse:Database", WarehouseDatabase);
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => _services.ForEach(configure => configure(services)));
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
