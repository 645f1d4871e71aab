using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Testing;

namespace ModularAnalytics.Experimentation.Tests.Support;

/// <summary>Makes the warehouse's exposures queries fail while <see cref="FailExposureQueries"/> is set.</summary>
public sealed class WarehouseFaults
{
    public volatile bool FailExposureQueries;
}

internal sealed class FaultyClickHouseClient(IClickHouseClient inner, WarehouseFaults faults) : IClickHouseClient
{
    public string Database => inner.Database;

    public Task<ClickHouseResult> QueryAsync(ClickHouseQuery query, CancellationToken cancellationToken = default) =>
        faults.FailExposureQueries && query.LogComment?.StartsWith("modularanalytics:experimentation:exposures:", StringComparison.Ordinal) == true
            ? throw new ClickHouseException(159, "Injected failure: the exposures query timed out.")
            : inner.QueryAsync(query, cancellationToken);

    public Task ExecuteAsync(ClickHouseQuery query, CancellationToken cancellationToken = default) => inner.ExecuteAsync(query, cancellationToken);

    public Task<long> InsertAsync<T>(ClickHouseInsert insert, IAsyncEnumerable<T> rows, CancellationToken cancellationToken = default) =>
        inner.InsertAsync(insert, rows, cancellationToken);
}

/// <summary>The service on a real relational store and its own database on the embedded warehouse.</summary>
public class ExperimentServiceFactory : ServiceFactory
{
    public ExperimentServiceFactory(TestDatabase database)
        : base(database, embeddedWarehouse: true)
    {
        WithSetting("Experimentation:RefreshDelay", "00:00:00.200");
        WithServices(services =>
        {
            services.AddSingleton(Faults);
            var original = services.Last(d => d.ServiceType == typeof(IClickHouseClient));
            services.Remove(original);
            services.AddSingleton<IClickHouseClient>(sp => new FaultyClickHouseClient(
                (IClickHouseClient)(original.ImplementationInstance ?? original.ImplementationFactory!(sp)), Faults));
        });
    }

    public WarehouseFaults Faults { get; } = new();
}

public sealed class SqliteExperimentServiceFactory() : ExperimentServiceFactory(TestDatabase.Sqlite);

public sealed class PostgresExperimentServiceFactory() : ExperimentServiceFactory(TestDatabase.Postgres);
