using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using ModularAnalytics.Testing;

namespace ModularAnalytics.Host.Tests;

/// <summary>The real host on a fresh store with migrations not applied, for schema tests.</summary>
internal static class TestHost
{
    public static ServiceFactory Create(RelationalProvider provider) =>
        new ServiceFactory(provider == RelationalProvider.Postgres ? TestDatabase.Postgres : TestDatabase.Sqlite)
            .WithSetting("Database:MigrateOnStartup", "false")
            .WithSetting("Scheduling:Enabled", "false");
}
