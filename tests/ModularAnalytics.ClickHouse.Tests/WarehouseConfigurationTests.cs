using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.BuildingBlocks.ClickHouse.Migrations;

namespace ModularAnalytics.ClickHouse.Tests;

public sealed class WarehouseConfigurationTests
{
    private static WarehouseOptions Options(params (string Key, string Value)[] settings) =>
        WarehouseOptions.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());

    [Fact]
    public void Defaults_are_embedded_modularanalytics_and_data_under_the_working_directory()
    {
        var o = Options();

        Assert.Equal(WarehouseMode.Embedded, o.Mode);
        Assert.Equal("modularanalytics", o.Database);
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "data", "clickhouse"), o.Embedded!.DataPath);
        var expectedLibrary = Environment.GetEnvironmentVariable("CHDB_LIBRARY_PATH") is { Length: > 0 } env ? Path.GetFullPath(env) : WarehouseOptions.DefaultLibraryPath();
        Assert.Equal(expectedLibrary, o.Embedded.LibraryPath);
        Assert.EndsWith(Path.Combine("modularanalytics", "chdb", "26.5.3", "libchdb.so"), WarehouseOptions.DefaultLibraryPath(), StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_directory_and_library_path_are_configurable()
    {
        var o = Options(("Storage:DataDirectory", "var/store"), ("Warehouse:Embedded:LibraryPath", "/opt/chdb/libchdb.so"), ("Warehouse:Database", "wh"));

        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "var", "store", "clickhouse"), o.Embedded!.DataPath);
        Assert.Equal("/opt/chdb/libchdb.so", o.Embedded.LibraryPath);
        Assert.Equal("wh", o.Embedded.Database);
    }

    [Theory]
    [InlineData("embedded", WarehouseMode.Embedded)]
    [InlineData("SERVER", WarehouseMode.Server)]
    [InlineData(" Disabled ", WarehouseMode.Disabled)]
    public void Mode_is_case_insensitive(string text, WarehouseMode expected) =>
        Assert.Equal(expected, Options(("Warehouse:Mode", text), ("ClickHouse:Host", "h")).Mode);

    [Theory]
    [InlineData("Clickhouse")]
    [InlineData("1")]
    [InlineData("off")]
    public void Unknown_mode_fails_start_up_clearly(string text)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddWarehouse(
            new ConfigurationBuilder().AddInMemoryCollection([new("Warehouse:Mode", text)]).Build()));

        Assert.Contains("Warehouse:Mode", error.Message, StringComparison.Ordinal);
        Assert.Contains("Embedded, Server or Disabled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_mode_needs_a_host_and_database_falls_back_to_the_dsn()
    {
        Assert.Contains("ClickHouse:Url", Assert.Throws<InvalidOperationException>(() => Options(("Warehouse:Mode", "Server"))).Message, StringComparison.Ordinal);
        Assert.Equal("from_dsn", Options(("Warehouse:Mode", "Server"), ("ClickHouse:Url", "http://h/from_dsn")).Database);
        Assert.Equal("explicit", Options(("Warehouse:Mode", "Server"), ("ClickHouse:Url", "http://h/from_dsn"), ("Warehouse:Database", "explicit")).Database);
        Assert.Throws<ArgumentException>(() => Options(("Warehouse:Database", "bad-name; DROP")));
    }

    [Fact]
    public async Task Disabled_mode_reports_reason_and_no_ops()
    {
        await using var services = TestWarehouse.Build(new Dictionary<string, string?> { ["Warehouse:Mode"] = "Disabled" });

        var status = services.GetRequiredService<WarehouseStatus>();
        Assert.False(status.IsEnabled);
        Assert.Equal("Warehouse:Mode is Disabled", status.DisabledReason);

        var report = await services.GetRequiredService<IWarehouseMigrator>().MigrateAsync();
        Assert.True(report.Skipped);
        Assert.Empty(report.Applied);

        var check = services.GetRequiredService<WarehouseHealthCheck>();
        var health = await check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("warehouse", check, null, null) });
        Assert.Equal((HealthStatus.Healthy, "disabled"), (health.Status, health.Description));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => services.GetRequiredService<IClickHouseClient>().QueryAsync("SELECT 1"));
        Assert.Contains("disabled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Health_check_registers_under_a_clear_name()
    {
        var services = new ServiceCollection();
        services.AddHealthChecks().AddWarehouseHealthCheck();
        using var provider = services.BuildServiceProvider();

        var registration = Assert.Single(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations);
        Assert.Equal("warehouse", registration.Name);
    }

    [Fact]
    public async Task Duplicate_migration_versions_are_rejected()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestWarehouse.EmbeddedSettings(TestWarehouse.UniqueDatabase())).Build();
        await using var services = new ServiceCollection().AddLogging().AddWarehouse(configuration)
            .AddWarehouseMigrations(new WarehouseMigration("m", 1, "a", ["SELECT 1"]))
            .AddWarehouseMigrations(new WarehouseMigration("m", 1, "b", ["SELECT 2"]))
            .BuildServiceProvider();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => services.GetRequiredService<IWarehouseMigrator>().MigrateAsync());

        Assert.Contains("version 1 is registered twice for module 'm'", error.Message, StringComparison.Ordinal);
    }
}
