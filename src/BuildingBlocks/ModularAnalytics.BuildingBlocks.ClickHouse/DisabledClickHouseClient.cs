namespace ModularAnalytics.BuildingBlocks.ClickHouse;

/// <summary>Registered when Warehouse:Mode is Disabled so consumers still resolve; any use is a programming error.</summary>
internal sealed class DisabledClickHouseClient(WarehouseStatus status) : IClickHouseClient
{
    public string Database => status.Database;

    public Task<ClickHouseResult> QueryAsync(ClickHouseQuery query, CancellationToken cancellationToken = default) =>
        Task.FromException<ClickHouseResult>(Disabled());

    public Task ExecuteAsync(ClickHouseQuery query, CancellationToken cancellationToken = default) =>
        Task.FromException(Disabled());

    public Task<long> InsertAsync<T>(ClickHouseInsert insert, IAsyncEnumerable<T> rows, CancellationToken cancellationToken = default) =>
        Task.FromException<long>(Disabled());

    private InvalidOperationException Disabled() =>
        new($"The warehouse is disabled ({status.DisabledReason}); check WarehouseStatus.IsEnabled before using it.");
}
