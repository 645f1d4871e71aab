using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Testing;

namespace ModularAnalytics.SegmentMembership.IntegrationTests.Support;

/// <summary>What the warehouse was asked, and a switch that makes refresh queries fail.</summary>
public sealed class WarehouseProbe
{
    public ConcurrentQueue<string> LogComments { get; } = new();

    public volatile bool FailRefreshQueries;
}

/// <summary>Records every statement's log_comment and fails refresh counting on demand.</summary>
internal sealed class ProbingClickHouseClient(IClickHouseClient inner, WarehouseProbe probe) : IClickHouseClient
{
    public string Database => inner.Database;

    public Task<ClickHouseResult> QueryAsync(ClickHouseQuery query, CancellationToken cancellationToken = default)
    {
        Record(query.LogComment);
        if (probe.FailRefreshQueries && query.LogComment?.Contains(":refresh:", StringComparison.Ordinal) == true)
        {
            throw new ClickHouseException(159, "Injected failure: refresh query timed out.");
        }

        return inner.QueryAsync(query, cancellationToken);
    }

    public Task ExecuteAsync(ClickHouseQuery query, CancellationToken cancellationToken = default)
    {
        Record(query.LogComment);
        return inner.ExecuteAsync(query, cancellationToken);
    }

    public Task<long> InsertAsync<T>(ClickHouseInsert insert, IAsyncEnumerable<T> rows, CancellationToken cancellationToken = default)
    {
        Record(insert.LogComment);
        return inner.InsertAsync(insert, rows, cancellationToken);
    }

    private void Record(string? comment)
    {
        if (comment is not null)
        {
            probe.LogComments.Enqueue(comment);
        }
    }
}

/// <summary>
/// The service on a real relational store with its own database on the embedded warehouse. Refreshes that follow a
/// segment change are pushed an hour out so each test decides when counting happens (POST .../refresh runs at once).
/// </summary>
public class SegmentServiceFactory : ServiceFactory
{
    public SegmentServiceFactory(TestDatabase database)
        : base(database, embeddedWarehouse: true)
    {
        WithSetting("SegmentMembership:RefreshDelay", "01:00:00");
        WithServices(services =>
        {
            services.AddSingleton(Probe);
            var original = services.Last(d => d.ServiceType == typeof(IClickHouseClient));
            services.Remove(original);
            services.AddSingleton<IClickHouseClient>(sp => new ProbingClickHouseClient(
                (IClickHouseClient)(original.ImplementationInstance ?? original.ImplementationFactory!(sp)), Probe));
        });
    }

    public WarehouseProbe Probe { get; } = new();
}

public sealed class SqliteSegmentServiceFactory() : SegmentServiceFactory(TestDatabase.Sqlite);

public sealed class PostgresSegmentServiceFactory() : SegmentServiceFactory(TestDatabase.Postgres);
