using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.BuildingBlocks.Infrastructure.Hosting;
using ModularAnalytics.Modules.Datar.Application.Abstractions;
using ModularAnalytics.Modules.Datar.Application.Recording;

namespace ModularAnalytics.Modules.Datar.Infrastructure.Warehouse;

/// <summary>
/// The `warehouse` recorder: queues raw records (bounded) and appends them to ClickHouse in batches, off the
/// request path. A batch that fails to insert is retried, not dropped; a full queue refuses new batches (503).
/// </summary>
internal sealed class WarehouseRecorder(
    IClickHouseClient warehouse,
    RecorderOptions options,
    ILogger<WarehouseRecorder> logger) : BackgroundService, IDataRecorder, IShutdownParticipant
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly Channel<EvaluationRecord> _queue = Channel.CreateBounded<EvaluationRecord>(
        new BoundedChannelOptions(options.WarehouseQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly List<Row> _batch = [];
    private int _queued;

    public string Name => RecorderOptions.Warehouse;

    public bool CanAccept(int records) => Volatile.Read(ref _queued) + (long)records <= options.WarehouseQueueCapacity;

    public async ValueTask RecordAsync(IReadOnlyList<EvaluationRecord> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            await _queue.Writer.WriteAsync(record, cancellationToken);
            Interlocked.Increment(ref _queued);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ApplyTtlAsync(stoppingToken);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await InsertAvailableAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public Task OnShutdownAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return InsertAvailableAsync(cancellationToken);
    }

    // The TTL is configuration, not schema: it is (re)applied at every start so that a changed setting takes effect.
    private async Task ApplyTtlAsync(CancellationToken cancellationToken)
    {
        try
        {
            await warehouse.ExecuteAsync(new ClickHouseQuery(
                $"ALTER TABLE {DatarWarehouseMigrations.RecordsTable} MODIFY TTL toDateTime(timestamp) + INTERVAL {options.WarehouseTtlDays} DAY"),
                cancellationToken);
            logger.LogInformation("The warehouse recorder appends to {Table}, keeping records {Days} days", DatarWarehouseMigrations.RecordsTable, options.WarehouseTtlDays);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not set the {Days}-day TTL of {Table}; records are still appended", options.WarehouseTtlDays,
                DatarWarehouseMigrations.RecordsTable);
        }
    }

    private async Task InsertAvailableAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            // A batch taken from the queue lives in a field until stored, so that a cancelled retry loop hands it
            // to the shutdown flush instead of dropping it.
            if (_batch.Count == 0)
            {
                while (_batch.Count < options.WarehouseBatchSize && _queue.Reader.TryRead(out var record))
                {
                    _batch.Add(Row.From(record));
                }

                if (_batch.Count == 0)
                {
                    return;
                }
            }

            while (true)
            {
                try
                {
                    await warehouse.InsertAsync(new ClickHouseInsert(DatarWarehouseMigrations.RecordsTable), _batch, cancellationToken);
                    Interlocked.Add(ref _queued, -_batch.Count);
                    _batch.Clear();
                    break;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Appending {Records} evaluation records to the warehouse failed; retrying", _batch.Count);
                    await Task.Delay(RetryDelay, cancellationToken);
                }
            }
        }
    }

    private sealed record Row(
        [property: JsonPropertyName("project_id")] int ProjectId,
        [property: JsonPropertyName("environment_id")] int EnvironmentId,
        [property: JsonPropertyName("flag_id")] int FlagId,
        [property: JsonPropertyName("variant_id")] int VariantId,
        [property: JsonPropertyName("segment_id")] int SegmentId,
        [property: JsonPropertyName("entity_id")] string EntityId,
        [property: JsonPropertyName("record_source")] string RecordSource,
        [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp)
    {
        public static Row From(EvaluationRecord r) =>
            new(r.ProjectId, r.EnvironmentId, r.FlagId, r.VariantId, r.SegmentId, r.EntityId,
                r.Source == Application.Recording.RecordSource.Exposure ? "exposure" : "evaluation", r.Timestamp);
    }
}
