using System.Collections.Concurrent;
using ModularAnalytics.BuildingBlocks.ClickHouse;

namespace ModularAnalytics.Modules.Experimentation.Infrastructure.Warehouse;

/// <summary>
/// Group commit for event inserts: concurrent requests' batches that wait while an insert runs go into the next
/// INSERT together. One INSERT is one block and one part, so each request's events are still stored all or none, and
/// each caller returns only once the insert holding its events has succeeded (or fails with it). MergeTree pays per
/// part, so this turns many small parts into few large ones.
/// </summary>
internal sealed class EventInsertBatcher(IClickHouseClient client)
{
    // Far below max_insert_block_size and the embedded transport's 32 MiB statement chunk, so an INSERT stays one block.
    internal const int MaxRowsPerInsert = 200_000;
    internal const long MaxBytesPerInsert = 16L * 1024 * 1024;
    private const string LogComment = "modularanalytics:experimentation:events";

    private readonly ConcurrentQueue<Pending> _queue = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task WriteAsync(IReadOnlyList<EventRow> rows, CancellationToken cancellationToken)
    {
        var pending = new Pending(rows);
        _queue.Enqueue(pending);
        while (!pending.Completion.Task.IsCompleted)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (!pending.Completion.Task.IsCompleted)
                {
                    await InsertNextAsync();
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        await pending.Completion.Task;
    }

    private async Task InsertNextAsync()
    {
        var batch = new List<Pending>();
        long rows = 0, bytes = 0;
        while (_queue.TryPeek(out var next)
            && (batch.Count == 0 || (rows + next.Rows.Count <= MaxRowsPerInsert && bytes + next.Bytes <= MaxBytesPerInsert))
            && _queue.TryDequeue(out next))
        {
            batch.Add(next);
            rows += next.Rows.Count;
            bytes += next.Bytes;
        }

        try
        {
            // Not the caller's token: the insert carries other callers' events too.
            await client.InsertAsync(
                new ClickHouseInsert(ExperimentationWarehouseMigrations.EventsTable) { LogComment = LogComment },
                batch.SelectMany(p => p.Rows),
                CancellationToken.None);
            batch.ForEach(p => p.Completion.TrySetResult());
        }
        catch (Exception ex)
        {
            batch.ForEach(p => p.Completion.TrySetException(ex));
        }
    }

    private sealed class Pending(IReadOnlyList<EventRow> rows)
    {
        public IReadOnlyList<EventRow> Rows { get; } = rows;

        public long Bytes { get; } = rows.Sum(r => 160L + (2L * (r.Event.Length + r.FeatureName.Length + r.Identifier.Length + r.Value.Length)));

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
