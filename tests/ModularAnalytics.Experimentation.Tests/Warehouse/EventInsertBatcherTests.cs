using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Experimentation.Tests.Support;
using ModularAnalytics.Modules.Experimentation.Infrastructure.Warehouse;

namespace ModularAnalytics.Experimentation.Tests.Warehouse;

public sealed class EventInsertBatcherTests(WarehouseDatabase db) : IClassFixture<WarehouseDatabase>
{
    private static readonly DateTime At = new(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);

    private static EventRow[] Batch(string flag, int batch, int size) =>
        [.. Enumerable.Range(0, size).Select(i => EventRow.From(Events.Exposure(3, flag, $"b{batch}-u{i}", "control", At)))];

    [Fact]
    public async Task Concurrent_batches_are_all_stored_and_each_caller_returns_only_once_stored()
    {
        var batcher = new EventInsertBatcher(db.Client);
        var flag = "batched";
        await Task.WhenAll(Enumerable.Range(0, 24).Select(b => Task.Run(() => batcher.WriteAsync(Batch(flag, b, 250), CancellationToken.None))));
        var stored = await db.Client.QueryAsync(new ClickHouseQuery(
            "SELECT count() AS n, uniqExact(identifier) AS u FROM experiment_events WHERE feature_name = {f:String}").WithParameter("f", flag));
        Assert.Equal(6000, stored.Single().GetInt64("n"));
        Assert.Equal(6000, stored.Single().GetInt64("u"));
    }

    [Fact]
    public async Task A_failed_insert_fails_every_caller_whose_events_it_carried()
    {
        var batcher = new EventInsertBatcher(new FailingInserts(db.Client));
        var writes = Enumerable.Range(0, 8).Select(b => Task.Run(() => batcher.WriteAsync(Batch("failing", b, 10), CancellationToken.None))).ToList();
        foreach (var write in writes)
        {
            await Assert.ThrowsAsync<ClickHouseException>(() => write);
        }

        var stored = await db.Client.QueryAsync(new ClickHouseQuery("SELECT count() AS n FROM experiment_events WHERE feature_name = 'failing'"));
        Assert.Equal(0, stored.Single().GetInt64("n"));
    }

    private sealed class FailingInserts(IClickHouseClient inner) : IClickHouseClient
    {
        public string Database => inner.Database;

        public Task<ClickHouseResult> QueryAsync(ClickHouseQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

        public Task ExecuteAsync(ClickHouseQuery query, CancellationToken cancellationToken = default) => inner.ExecuteAsync(query, cancellationToken);

        public Task<long> InsertAsync<T>(ClickHouseInsert insert, IAsyncEnumerable<T> rows, CancellationToken cancellationToken = default) =>
            throw new ClickHouseException(241, "Injected failure: memory limit exceeded.");
    }
}
