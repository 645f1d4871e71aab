using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModularAnalytics.BuildingBlocks.Infrastructure.Migrations;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Health;

/// <summary>Ready only when every module's relational store answers.</summary>
public sealed class RelationalHealthCheck(IServiceProvider services, IEnumerable<IRelationalMigrationTarget> targets) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failing = new List<string>();
        foreach (var target in targets)
        {
            try
            {
                if (!await target.CanConnectAsync(services, cancellationToken))
                {
                    failing.Add(target.Name);
                }
            }
            catch (Exception)
            {
                failing.Add(target.Name);
            }
        }

        return failing.Count == 0
            ? HealthCheckResult.Healthy("relational store reachable")
            : HealthCheckResult.Unhealthy("relational store unreachable for " + string.Join(", ", failing));
    }
}
