using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.Experimentation.Application.Abstractions;
using ModularAnalytics.Modules.Experimentation.Application.Common;
using ModularAnalytics.Modules.Experimentation.Application.Events;
using ModularAnalytics.Modules.Experimentation.Domain.Experiments;
using ModularAnalytics.Modules.Experimentation.Domain.Exposures;
using ModularAnalytics.Modules.Experimentation.Infrastructure.Warehouse;
using ModularAnalytics.Testing;

namespace ModularAnalytics.Experimentation.Tests.Support;

/// <summary>
/// A database of its own on the process-wide embedded engine (the path the HTTP tests' hosts share), with the
/// module's events table created by its warehouse migrations, and the module's adapter over it.
/// </summary>
public sealed class WarehouseDatabase : IAsyncLifetime
{
    private ServiceProvider? _services;

    public IClickHouseClient Client { get; private set; } = null!;

    internal IExperimentationWarehouse Warehouse { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Warehouse:Mode"] = "Embedded",
            ["Warehouse:Database"] = "ex_" + Guid.NewGuid().ToString("N")[..16],
            ["Warehouse:Embedded:DataPath"] = EmbeddedWarehouse.DataPath,
        }).Build();
        _services = new ServiceCollection().AddLogging().AddWarehouse(configuration).BuildServiceProvider();
        Client = _services.GetRequiredService<IClickHouseClient>();
        foreach (var statement in new ExperimentationWarehouseMigrations(new ExperimentationOptions()).GetMigrations().SelectMany(m => m.Statements))
        {
            await Client.ExecuteAsync(statement);
        }

        Warehouse = new ClickHouseExperimentationWarehouse(Client, _services.GetRequiredService<WarehouseStatus>());
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await Client.ExecuteAsync($"DROP DATABASE IF EXISTS {ClickHouseSql.Identifier(Client.Database)}");
            await _services.DisposeAsync();
        }
    }

    internal Task WriteAsync(IEnumerable<ExperimentEvent> events) => Warehouse.WriteEventsAsync([.. events], CancellationToken.None);

    /// <summary>What a refresh stores: the warehouse's counts mapped into a payload.</summary>
    internal async Task<ExposurePayload> PayloadAsync(int environmentId, string flagKey, IReadOnlyList<ExperimentVariant> variants, ExposureWindow window, int experimentId = 1)
    {
        var counts = await Warehouse.CountFirstExposuresAsync(
            new ExposureQuery(1, 1, experimentId, environmentId, flagKey, window), TimeSpan.FromMinutes(1), CancellationToken.None);
        return ExposurePayloadMapper.Map(variants, window, counts, 100);
    }
}
