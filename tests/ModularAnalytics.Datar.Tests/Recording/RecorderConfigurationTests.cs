using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.Datar.Tests.Support;
using ModularAnalytics.Modules.Datar.Application.Recording;
using ModularAnalytics.Testing;
using ModularAnalytics.Testing.Http;
using Xunit;

namespace ModularAnalytics.Datar.Tests.Recording;

/// <summary>`Recorder:*` settings: parsing, start-up failures, which recorders run, and 503 when Datar is not one of them.</summary>
public sealed class RecorderConfigurationTests
{
    private static RecorderOptions Parse(params (string Key, string Value)[] settings) =>
        RecorderOptions.Parse(key => settings.FirstOrDefault(s => s.Key == key).Value);

    [Fact]
    public void Defaults_are_off_datar_and_one_minute()
    {
        var options = Parse();
        Assert.False(options.Enabled);
        Assert.Equal(new[] { "datar" }, options.Types);
        Assert.Equal(TimeSpan.FromMinutes(1), options.FlushInterval);
        Assert.False(options.DatarEnabled);
    }

    [Theory]
    [InlineData("datar", new[] { "datar" })]
    [InlineData("warehouse", new[] { "warehouse" })]
    [InlineData(" Datar , WAREHOUSE ", new[] { "datar", "warehouse" })]
    [InlineData("warehouse,datar,datar,", new[] { "warehouse", "datar" })]
    public void The_recorder_list_is_comma_separated_case_insensitive_and_deduplicated(string value, string[] expected) =>
        Assert.Equal(expected, RecorderOptions.ParseTypes(value));

    [Theory]
    [InlineData("Recorder:Type", "datar,kafka", "kafka")]
    [InlineData("Recorder:Enabled", "yes", "Recorder:Enabled")]
    [InlineData("Recorder:Datar:FlushInterval", "-00:00:05", "Recorder:Datar:FlushInterval")]
    [InlineData("Recorder:Datar:FlushInterval", "soon", "Recorder:Datar:FlushInterval")]
    [InlineData("Recorder:Datar:MaxKeys", "0", "Recorder:Datar:MaxKeys")]
    public void Bad_values_fail_with_a_message_naming_them(string key, string value, string named) =>
        Assert.Contains(named, Assert.Throws<InvalidOperationException>(() => Parse((key, value))).Message, StringComparison.Ordinal);

    [Fact]
    public void An_unknown_recorder_name_fails_start_up_with_a_clear_message()
    {
        using var factory = new ServiceFactory(TestDatabase.Sqlite).WithSetting("Recorder:Enabled", "true").WithSetting("Recorder:Type", "datar,bogus");
        var error = Assert.ThrowsAny<Exception>(() => factory.Services);
        Assert.Contains("unknown recorder 'bogus'", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void The_warehouse_recorder_without_a_warehouse_fails_start_up()
    {
        using var factory = new ServiceFactory(TestDatabase.Sqlite).WithSetting("Recorder:Enabled", "true").WithSetting("Recorder:Type", "warehouse");
        var error = Assert.ThrowsAny<Exception>(() => factory.Services);
        Assert.Contains("Warehouse:Mode is Disabled", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_recording_off_no_recorder_runs_and_both_summaries_answer_503()
    {
        using var factory = new ServiceFactory(TestDatabase.Sqlite).WithSetting("Recorder:Type", "datar");
        var tenant = await factory.CreateTenantAsync();
        var flag = await factory.CreateFlagAsync(tenant.Project.Id, "f");
        Assert.Empty(factory.Services.GetRequiredService<FanOutRecorder>().Names);

        // Ingestion still validates and answers, but nothing is counted anywhere, and the answer says why.
        var quiet = await factory.CreateFlagAsync(tenant.Project.Id, "quiet", dataRecordsEnabled: false);
        await (await factory.PostRecordsAsync(tenant,
        [
            new { flagID = flag.Id, variantKey = "control", entityID = "u" },
            new { flagID = quiet.Id, variantKey = "control", entityID = "u" },
        ])).AssertAcceptedAsync(2, recorded: 0, recordersOff: 2);
        Assert.Equal(0, factory.Aggregator().KeyCount);
        await AssertSummariesUnavailableAsync(factory, tenant, flag);
    }

    [Fact]
    public async Task With_only_the_warehouse_recorder_both_summaries_answer_503()
    {
        using var factory = new ServiceFactory(TestDatabase.Sqlite, embeddedWarehouse: true)
            .WithSetting("Recorder:Enabled", "true")
            .WithSetting("Recorder:Type", "warehouse");
        var tenant = await factory.CreateTenantAsync();
        var flag = await factory.CreateFlagAsync(tenant.Project.Id, "f");
        Assert.Equal(new[] { "warehouse" }, factory.Services.GetRequiredService<FanOutRecorder>().Names);
        await AssertSummariesUnavailableAsync(factory, tenant, flag);
    }

    [Fact]
    public async Task With_both_recorders_each_batch_reaches_both()
    {
        using var factory = DatarHost.Create(TestDatabase.Sqlite, embeddedWarehouse: true).WithSetting("Recorder:Type", "warehouse,datar");
        _ = factory.Services;
        Assert.Equal(new[] { "datar", "warehouse" }, factory.Services.GetRequiredService<FanOutRecorder>().Names.Order(StringComparer.Ordinal));
    }

    private static async Task AssertSummariesUnavailableAsync(ServiceFactory factory, Tenant tenant, Flag flag)
    {
        using var admin = factory.CreateAdminClient();
        foreach (var url in new[]
        {
            $"/api/v1/projects/{tenant.Project.Id}/datar/summary",
            $"/api/v1/projects/{tenant.Project.Id}/datar/flags/{flag.Id}/summary",
        })
        {
            var detail = (await (await admin.GetAsync(url)).AssertProblemAsync(HttpStatusCode.ServiceUnavailable)).GetProperty("detail").GetString();
            Assert.Contains("Datar is not among the enabled recorders", detail, StringComparison.Ordinal);
        }
    }

    private static string Flatten(Exception error) =>
        error.InnerException is null ? error.Message : error.Message + " | " + Flatten(error.InnerException);
}
