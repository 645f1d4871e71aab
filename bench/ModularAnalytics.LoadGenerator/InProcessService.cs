using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.Modules.Datar.Application.Recording;

namespace ModularAnalytics.LoadGenerator;

/// <summary>The real service on Kestrel at 127.0.0.1 (a free port), SQLite in a temp directory, Datar recording.</summary>
internal sealed class InProcessService : WebApplicationFactory<global::Program>
{
    public InProcessService(string adminToken)
    {
        AdminToken = adminToken;
        DataDirectory = Path.Combine(Path.GetTempPath(), "ma-load-" + Guid.NewGuid().ToString("N"));
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
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    /// <summary>Stores what Datar holds now, instead of waiting for the flush interval.</summary>
    public Task<bool> FlushAsync() => Services.GetRequiredService<DatarFlusher>().FlushAsync(CancellationToken.None);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("ConnectionStrings:Postgres", string.Empty);
        builder.UseSetting("Auth:AdminToken", AdminToken);
        builder.UseSetting("Warehouse:Mode", "Disabled");
        builder.UseSetting("Recorder:Enabled", "true");
        builder.UseSetting("Recorder:Type", "datar");
        builder.UseSetting("Recorder:Datar:FlushInterval", "00:00:05");
        // The service's JSON request logs would cost more than the load itself.
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
