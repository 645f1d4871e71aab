using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModularAnalytics.BuildingBlocks.Infrastructure.Hosting;
using ModularAnalytics.BuildingBlocks.Infrastructure.Messaging;
using ModularAnalytics.BuildingBlocks.Infrastructure.Migrations;
using ModularAnalytics.BuildingBlocks.Infrastructure.Scheduling;

namespace ModularAnalytics.BuildingBlocks.Tests.Scheduling;

/// <summary>A generic host composed the way the service composes scheduling: migrations, messaging, then scheduling.</summary>
public sealed class SchedulingHost : IAsyncDisposable
{
    private SchedulingHost(IHost host, RunLog runs, ListLoggerProvider logs)
    {
        Host = host;
        Runs = runs;
        Logs = logs;
    }

    public IHost Host { get; }

    public RunLog Runs { get; }

    public ListLoggerProvider Logs { get; }

    public IServiceProvider Services => Host.Services;

    public static SchedulingHost Create(IDictionary<string, string?> settings, string node = "node", Action<IServiceCollection>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new ListLoggerProvider();
        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logs);
        var runs = new RunLog(node);
        builder.Services.AddSingleton(runs);
        builder.Services.AddMigrationRunner();
        builder.Services.AddHostedService<MigrateOnStartupService>();
        builder.Services.AddMessaging([typeof(RecordRun).Assembly]);
        builder.Services.AddScheduling(builder.Configuration);
        configure?.Invoke(builder.Services);
        return new SchedulingHost(builder.Build(), runs, logs);
    }

    /// <summary>Settings for an in-memory scheduler with a name of its own, so parallel tests never share one.</summary>
    public static Dictionary<string, string?> MemorySettings() => new()
    {
        ["Scheduling:Store"] = "Memory",
        ["Scheduling:InstanceName"] = "test-" + Guid.NewGuid().ToString("N"),
    };

    public async Task<SchedulingHost> StartAsync()
    {
        await Host.StartAsync();
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }

    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return condition();
    }
}
