using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ModularAnalytics.Bench;

/// <summary>
/// The real service on Kestrel at 127.0.0.1 (a free port), in production mode, SQLite in a temp directory removed
/// on dispose, request logs off (they would cost more than the load), plus the benchmark's own settings.
/// Shared by the benchmarks that drive the service over HTTP (linked into each project).
/// </summary>
internal sealed class InProcessService : WebApplicationFactory<global::Program>
{
    private readonly IReadOnlyDictionary<string, string> _settings;

    public InProcessService(string adminToken, IReadOnlyDictionary<string, string> settings)
    {
        AdminToken = adminToken;
        _settings = settings;
        DataDirectory = Path.Combine(Path.GetTempPath(), "ma-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        // The service needs no content files; without this the factory looks for the Host's project folder.
        System.Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MODULARANALYTICS_HOST", AppContext.BaseDirectory);
    }

    public string AdminToken { get; }

    public string DataDirectory { get; }

    public Uri Start()
    {
        StartServer();
        return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("ConnectionStrings:Postgres", string.Empty);
        builder.UseSetting("Auth:AdminToken", AdminToken);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
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
                // Only a temp directory left behind.
            }
        }
    }
}
