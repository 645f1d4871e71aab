using Microsoft.AspNetCore.Mvc.Testing;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using ModularAnalytics.Testing;

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
        var postgres = provider == RelationalProvider.Postgres ? PostgresServer.Instance.CreateDatabase() : null;

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
