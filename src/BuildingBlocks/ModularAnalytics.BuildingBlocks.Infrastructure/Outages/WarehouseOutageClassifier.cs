using System.Net.Sockets;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.ClickHouse;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Outages;

/// <summary>ClickHouse could not be reached, timed out, or is shedding load; a query ClickHouse rejected is not an outage.</summary>
internal sealed class WarehouseOutageClassifier : IOutageClassifier
{
    // TIMEOUT_EXCEEDED, TOO_MANY_SIMULTANEOUS_QUERIES, SOCKET_TIMEOUT, NETWORK_ERROR, ALL_CONNECTION_TRIES_FAILED.
    private static readonly HashSet<int> OutageCodes = [159, 202, 209, 210, 279];

    public string? UnreachableDependency(Exception exception) => exception switch
    {
        ClickHouseException c when OutageCodes.Contains(c.Code) => DependencyNames.Warehouse,
        ClickHouseException { InnerException: HttpRequestException or SocketException or IOException } => DependencyNames.Warehouse,
        TimeoutException { InnerException: OperationCanceledException } t when t.Message.StartsWith("ClickHouse", StringComparison.Ordinal) =>
            DependencyNames.Warehouse,
        _ => null,
    };
}
