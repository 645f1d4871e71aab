using System.Globalization;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.Experimentation.Application.Abstractions;
using ModularAnalytics.Modules.Experimentation.Application.Events;
using ModularAnalytics.Modules.Experimentation.Domain.Exposures;

namespace ModularAnalytics.Modules.Experimentation.Infrastructure.Warehouse;

internal sealed class ClickHouseExperimentationWarehouse(IClickHouseClient client, WarehouseStatus status) : IExperimentationWarehouse
{
    private const string IngestLogComment = "modularanalytics:experimentation:events";

    public bool IsEnabled => status.IsEnabled;

    public string? DisabledReason => status.DisabledReason;

    public async Task WriteEventsAsync(IReadOnlyList<ExperimentEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            // One INSERT is one block and one part (the batch is far below max_insert_block_size): all rows or none.
            await client.InsertAsync(
                new ClickHouseInsert(ExperimentationWarehouseMigrations.EventsTable) { LogComment = IngestLogComment },
                events.Select(EventRow.From),
                cancellationToken);
        }
        catch (Exception ex) when (ex is ClickHouseException or HttpRequestException or IOException or TimeoutException or InvalidOperationException)
        {
            throw new ServiceUnavailableException("The warehouse could not store the events; nothing was stored. Retry later.");
        }
    }

    public async Task<IReadOnlyList<ExposureCount>> CountFirstExposuresAsync(ExposureQuery query, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var sql = ExposureSql.Build(query)
            .WithSetting("max_execution_time", Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        var result = await client.QueryAsync(sql, deadline.Token);
        return [.. result.Select(r => new ExposureCount(r.GetDateTime("bucket"), r.GetString("key")!, r.GetInt64("identities")))];
    }
}
