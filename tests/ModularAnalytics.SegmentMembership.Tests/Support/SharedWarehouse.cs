using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

namespace ModularAnalytics.SegmentMembership.Tests.Support;

/// <summary>
/// One embedded chDB engine for the whole test assembly (chDB opens one data path per process); each test class asks
/// for its own database with an empty <c>identities</c> table.
/// </summary>
internal static class SharedWarehouse
{
    private static readonly string DataPath = CreateDataPath();

    public static async Task<(IClickHouseClient Client, ServiceProvider Services)> CreateDatabaseAsync()
    {
        var database = "sm_" + Guid.NewGuid().ToString("N")[..16];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Warehouse:Mode"] = "Embedded",
            ["Warehouse:Database"] = database,
            ["Warehouse:Embedded:DataPath"] = DataPath,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddWarehouse(configuration).BuildServiceProvider();
        var client = services.GetRequiredService<IClickHouseClient>();
        foreach (var statement in IdentityWarehouseRows.Schema)
        {
            await client.ExecuteAsync(statement);
        }

        return (client, services);
    }

    public static async Task DropAsync(IClickHouseClient client, ServiceProvider services)
    {
        await client.ExecuteAsync($"DROP DATABASE IF EXISTS {ClickHouseSql.Identifier(client.Database)}");
        await services.DisposeAsync();
    }

    private static string CreateDataPath()
    {
        var path = Path.Combine(Path.GetTempPath(), "modularanalytics-segment-tests-" + Environment.ProcessId);
        Directory.CreateDirectory(path);
        return path;
    }
}
