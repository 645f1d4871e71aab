using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ModularAnalytics.BuildingBlocks.ClickHouse;

/// <summary>Runs <c>SELECT 1</c> through the configured transport; Healthy ("disabled") when the warehouse is off.</summary>
public sealed class WarehouseHealthCheck(IClickHouseClient client, WarehouseStatus status) : IHealthCheck
{
    public const string Name = "warehouse";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!status.IsEnabled)
        {
            return HealthCheckResult.Healthy("disabled");
        }

        try
        {
            var result = await client.QueryAsync(new ClickHouseQuery("SELECT 1 AS ok") { LogComment = "health-check" }, cancellationToken);
            return result.Count == 1 && result[0].GetInt32("ok") == 1
                ? HealthCheckResult.Healthy($"{status.Mode} warehouse, database {status.Database}")
                : HealthCheckResult.Unhealthy("SELECT 1 returned an unexpected result.");
        }
        catch (Exception ex) when (ex is ClickHouseException or TimeoutException or InvalidOperationException or IOException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{status.Mode} warehouse is unavailable: {ex.Message}", ex);
        }
    }
}
