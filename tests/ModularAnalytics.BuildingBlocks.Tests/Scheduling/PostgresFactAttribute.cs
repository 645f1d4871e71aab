namespace ModularAnalytics.BuildingBlocks.Tests.Scheduling;

/// <summary>A fact that needs a real PostgreSQL: skipped (never passed) unless MODULARANALYTICS_TEST_POSTGRES holds a connection string.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "MODULARANALYTICS_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            Skip = $"Needs PostgreSQL: set {Variable} to a connection string.";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}
