using Microsoft.Extensions.Configuration.Json;
using ModularAnalytics.BuildingBlocks.Infrastructure.Migrations;
using ModularAnalytics.Host;

var builder = WebApplication.CreateBuilder(args);

// The service runs from any working directory: its own appsettings ship beside the binary and sit below
// every other source, so environment variables and command-line arguments still win.
var shipped = new JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, "appsettings.json"), Optional = true };
shipped.ResolveFileProvider();
builder.Configuration.Sources.Insert(0, shipped);

builder.AddModularAnalytics();
var app = builder.Build();

if (args.Length > 0 && string.Equals(args[0], "migrate", StringComparison.OrdinalIgnoreCase))
{
    await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync(CancellationToken.None);
    app.Logger.LogInformation("Migrations applied");
    return 0;
}

app.UseModularAnalytics();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
