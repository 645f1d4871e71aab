using Microsoft.Extensions.Configuration;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Scheduling;

public enum SchedulingStore
{
    /// <summary>In-process RAM store: pending runs are lost on restart; fine for a single node and tests.</summary>
    Memory,

    /// <summary>Clustered ADO.NET store in PostgreSQL's `scheduling` schema: survives restarts, one firing per cluster.</summary>
    Postgres,
}

/// <summary>The `Scheduling` configuration section.</summary>
public sealed record SchedulingOptions(
    bool Enabled,
    SchedulingStore Store,
    string InstanceName,
    string? InstanceId,
    string? PostgresConnectionString)
{
    public const string Section = "Scheduling";
    public const string DefaultInstanceName = "ModularAnalytics";

    /// <summary>Quartz's tables live in their own schema; index names drop the schema qualifier.</summary>
    public const string Schema = "scheduling";
    public const string TablePrefix = Schema + ".qrtz_";

    public static SchedulingOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var store = section.GetValue("Store", SchedulingStore.Memory);
        var connectionString = configuration[RelationalStore.PostgresConnectionStringKey];
        if (store == SchedulingStore.Postgres && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"{Section}:Store is Postgres but {RelationalStore.PostgresConnectionStringKey} is not set.");
        }

        var instanceName = section["InstanceName"];
        return new SchedulingOptions(
            section.GetValue("Enabled", defaultValue: true),
            store,
            string.IsNullOrWhiteSpace(instanceName) ? DefaultInstanceName : instanceName,
            section["InstanceId"],
            connectionString);
    }
}
