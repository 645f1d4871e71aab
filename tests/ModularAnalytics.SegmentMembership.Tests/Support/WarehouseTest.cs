using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.ClickHouse;

namespace ModularAnalytics.SegmentMembership.Tests.Support;

/// <summary>A test class with a database of its own on the shared embedded warehouse, dropped afterwards.</summary>
public abstract class WarehouseTest : IAsyncLifetime
{
    private ServiceProvider _services = null!;

    protected IClickHouseClient Client { get; private set; } = null!;

    public async Task InitializeAsync() => (Client, _services) = await SharedWarehouse.CreateDatabaseAsync();

    public Task DisposeAsync() => SharedWarehouse.DropAsync(Client, _services);
}
