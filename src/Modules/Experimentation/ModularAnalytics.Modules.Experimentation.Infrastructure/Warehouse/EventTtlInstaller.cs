using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.Experimentation.Application.Common;

namespace ModularAnalytics.Modules.Experimentation.Infrastructure.Warehouse;

/// <summary>
/// The events' TTL is configuration, not schema: it is re-applied at every start so a changed setting takes effect,
/// without rewriting existing parts (they expire as merges reach them).
/// </summary>
internal sealed partial class EventTtlInstaller(
    IClickHouseClient client,
    WarehouseStatus status,
    ExperimentationOptions options,
    ILogger<EventTtlInstaller> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!status.IsEnabled)
        {
            return;
        }

        try
        {
            await client.ExecuteAsync(
                new ClickHouseQuery($"ALTER TABLE {ExperimentationWarehouseMigrations.EventsTable} MODIFY TTL toDateTime(timestamp) + INTERVAL {options.EventTtlDays} DAY")
                    .WithSetting("materialize_ttl_after_modify", "0"),
                cancellationToken);
            LogApplied(logger, ExperimentationWarehouseMigrations.EventsTable, options.EventTtlDays);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, options.EventTtlDays, ExperimentationWarehouseMigrations.EventsTable);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Experiment events in {Table} are kept {Days} days")]
    private static partial void LogApplied(ILogger logger, string table, int days);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not set the {Days}-day TTL of {Table}; events are still stored")]
    private static partial void LogFailed(ILogger logger, Exception exception, int days, string table);
}
