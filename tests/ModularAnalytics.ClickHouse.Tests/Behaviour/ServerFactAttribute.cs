namespace ModularAnalytics.ClickHouse.Tests.Behaviour;

/// <summary>
/// A fact that runs only against a real ClickHouse server named by CLICKHOUSE_URL, and is reported as skipped otherwise.
/// To run them locally:
///   docker run -d -p 8123:8123 clickhouse/clickhouse-server:26.5
///   CLICKHOUSE_URL=http://default:@localhost:8123/default dotnet test tests/ModularAnalytics.ClickHouse.Tests
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ServerFactAttribute : FactAttribute
{
    public ServerFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ServerUrl))
        {
            Skip = "CLICKHOUSE_URL is not set; these tests need a real ClickHouse server.";
        }
    }

    public static string? ServerUrl => Environment.GetEnvironmentVariable("CLICKHOUSE_URL");
}
