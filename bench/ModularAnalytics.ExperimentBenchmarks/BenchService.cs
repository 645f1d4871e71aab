using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ModularAnalytics.ExperimentBenchmarks;

/// <summary>The real service on Kestrel at 127.0.0.1, SQLite, and the embedded warehouse on the benchmark's data path.</summary>
internal sealed class BenchService : WebApplicationFactory<global::Program>
{
    private readonly string _warehousePath;

    public BenchService(string adminToken, string warehousePath)
    {
        AdminToken = adminToken;
        _warehousePath = warehousePath;
        DataDirectory = Path.Combine(Path.GetTempPath(), "ma-experiment-bench-" + Guid.NewGuid().ToString("N"));
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
        builder.UseSetting("Warehouse:Mode", "Embedded");
        builder.UseSetting("Warehouse:Embedded:DataPath", _warehousePath);
        builder.UseSetting("Warehouse:Database", "experiment_bench");
        builder.UseSetting("Experimentation:RefreshCron", "0 0 0 1 1 ? 2099");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
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
