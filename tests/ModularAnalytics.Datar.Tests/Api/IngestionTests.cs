using System.Net;
using System.Text;
using ModularAnalytics.Datar.Tests.Support;
using ModularAnalytics.Modules.Datar.Domain.Aggregation;
using ModularAnalytics.Testing;
using ModularAnalytics.Testing.Http;
using Xunit;

namespace ModularAnalytics.Datar.Tests.Api;

/// <summary>`POST /api/v1/evaluations`: resolution, validation (all or nothing), opt-in and hour buckets.</summary>
public sealed class IngestionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 2, 3, 12, 30, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(Now);
    private ServiceFactory _factory = null!;
    private Tenant _tenant = null!;
    private Flag _flag = null!;

    public async Task InitializeAsync()
    {
        _factory = DatarHost.Create(TestDatabase.Sqlite, _time);
        _tenant = await _factory.CreateTenantAsync();
        _flag = await _factory.CreateFlagAsync(_tenant.Project.Id, "checkout");
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Records_name_flags_and_variants_by_id_or_key_and_default_to_no_segment_and_the_receipt_hour()
    {
        var response = await _factory.PostRecordsAsync(_tenant,
        [
            new { flagID = _flag.Id, variantID = _flag.VariantId("control"), entityID = "a" },
            new { flagKey = "checkout", variantKey = "control", entityID = "b", segmentID = 0 },
            new { flagID = _flag.Id, variantKey = "treatment", entityID = "c", segmentID = 7 },
            new { flagKey = "checkout", variantID = _flag.VariantId("treatment"), entityID = "d", segmentID = 7, recordSource = "exposure" },
        ]);
        await response.AssertAcceptedAsync(4);
        await _factory.Flusher().FlushAllAsync();

        var hour = EvaluationKey.HourOf(Now);
        var stored = await _factory.Store().ReadCountsAsync();
        Assert.Equal(2, stored.Count);
        Assert.Equal(2, stored[new StoredKey(_flag.Id, hour, _flag.VariantId("control"), 0)]);
        Assert.Equal(2, stored[new StoredKey(_flag.Id, hour, _flag.VariantId("treatment"), 7)]);
    }

    [Fact]
    public async Task Hour_buckets_split_exactly_at_day_and_month_boundaries_in_utc()
    {
        var variant = _flag.VariantId("control");
        object At(string timestamp) => new { flagID = _flag.Id, variantID = variant, entityID = "e", timestamp };
        var response = await _factory.PostRecordsAsync(_tenant,
        [
            At("2026-01-30T23:59:59Z"), At("2026-01-31T00:00:00Z"),
            At("2026-01-31T23:59:59Z"), At("2026-01-31T23:59:59.999Z"), At("2026-02-01T00:00:00Z"),
            // An offset is converted to UTC: 01:30+02:00 is 23:30Z of the day before.
            At("2026-02-01T01:30:00+02:00"),
        ]);
        await response.AssertAcceptedAsync(6);
        await _factory.Flusher().FlushAllAsync();

        long Hour(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds() / 3600;
        var stored = await _factory.Store().ReadCountsAsync();
        Assert.Equal(
            new Dictionary<long, long>
            {
                [Hour("2026-01-30T23:00:00Z")] = 1,
                [Hour("2026-01-31T00:00:00Z")] = 1,
                [Hour("2026-01-31T23:00:00Z")] = 3,
                [Hour("2026-02-01T00:00:00Z")] = 1,
            },
            stored.ToDictionary(kv => kv.Key.HourBucket, kv => kv.Value));

        var summary = await _factory.GetJsonAsync(
            $"/api/v1/projects/{_tenant.Project.Id}/datar/flags/{_flag.Id}/summary?from=2026-01-30&to=2026-02-01");
        Assert.Equal(
            new[] { ("2026-01-30", 1L), ("2026-01-31", 4L), ("2026-02-01", 1L) },
            summary.GetProperty("trafficByDay").EnumerateArray().Select(d => (d.GetProperty("date").GetString()!, d.GetProperty("count").GetInt64())));
    }

    [Fact]
    public async Task Only_flags_with_data_records_enabled_are_recorded()
    {
        var quiet = await _factory.CreateFlagAsync(_tenant.Project.Id, "quiet", dataRecordsEnabled: false);
        var response = await _factory.PostRecordsAsync(_tenant,
        [
            new { flagID = quiet.Id, variantKey = "control", entityID = "a" },
            new { flagID = _flag.Id, variantKey = "control", entityID = "b" },
            new { flagID = quiet.Id, variantKey = "treatment", entityID = "c" },
        ]);
        await response.AssertAcceptedAsync(3, recorded: 1, flagNotRecorded: 2);
        await _factory.Flusher().FlushAllAsync();

        var stored = await _factory.Store().ReadCountsAsync();
        Assert.Equal(_flag.Id, Assert.Single(stored).Key.FlagId);
    }

    [Fact]
    public async Task Malformed_records_are_400_naming_index_and_field_and_nothing_of_the_batch_is_recorded()
    {
        var otherProject = await _factory.CreateTenantAsync("Other");
        var foreign = await _factory.CreateFlagAsync(otherProject.Project.Id, "foreign");
        var response = await _factory.PostRecordsAsync(_tenant,
        [
            new { flagID = _flag.Id, variantKey = "control", entityID = "good" },
            new { variantKey = "control", entityID = "no-flag" },
            new { flagID = _flag.Id, entityID = "no-variant" },
            new { flagID = 999_999, variantKey = "control", entityID = "unknown-flag-id" },
            new { flagKey = "nope", variantKey = "control", entityID = "unknown-flag-key" },
            new { flagID = _flag.Id, variantKey = "nope", entityID = "unknown-variant-key" },
            new { flagID = _flag.Id, variantID = 999_999, entityID = "unknown-variant-id" },
            new { flagID = foreign.Id, variantKey = "control", entityID = "another-project" },
            new { flagID = _flag.Id, variantKey = "control", entityID = "", segmentID = -1 },
        ]);

        var errors = await response.AssertValidationProblemAsync();
        Assert.Equal(
            new[] { "records[1].flagID", "records[2].variantID", "records[8].entityID", "records[8].segmentID" },
            errors.Keys.Order(StringComparer.Ordinal));

        // Catalog-resolved faults are reported once the shape is right.
        response = await _factory.PostRecordsAsync(_tenant,
        [
            new { flagID = _flag.Id, variantKey = "control", entityID = "good" },
            new { flagID = 999_999, variantKey = "control", entityID = "unknown-flag-id" },
            new { flagKey = "nope", variantKey = "control", entityID = "unknown-flag-key" },
            new { flagID = _flag.Id, variantKey = "nope", entityID = "unknown-variant-key" },
            new { flagID = _flag.Id, variantID = 999_999, entityID = "unknown-variant-id" },
            new { flagID = foreign.Id, variantKey = "control", entityID = "another-project" },
            new { flagID = _flag.Id, variantKey = "control", entityID = "future", timestamp = Now.AddHours(2) },
        ]);
        errors = await response.AssertValidationProblemAsync();
        Assert.Equal(
            new[] { "records[1].flagID", "records[2].flagKey", "records[3].variantKey", "records[4].variantID", "records[5].flagID", "records[6].timestamp" },
            errors.Keys.Order(StringComparer.Ordinal));

        await _factory.Flusher().FlushAllAsync();
        Assert.Empty(await _factory.Store().ReadCountsAsync());
    }

    [Fact]
    public async Task Each_shape_fault_is_named_by_index_and_field_with_its_message()
    {
        var variant = _flag.VariantId("control");
        var errors = await (await _factory.PostRecordsAsync(_tenant,
        [
            new { flagID = _flag.Id, variantID = variant, entityID = new string('e', 512) },
            new { flagID = _flag.Id, variantID = variant, entityID = new string('e', 513) },
            new { flagID = _flag.Id, variantID = variant, entityID = "   " },
            new { flagID = (int?)null, variantID = (int?)null, entityID = "x" },
        ])).AssertValidationProblemAsync();

        Assert.Equal(["records[1].entityID", "records[2].entityID", "records[3].flagID", "records[3].variantID"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["entityID is at most 512 characters."], errors["records[1].entityID"]);
        Assert.Equal(["entityID is required."], errors["records[2].entityID"]);
        Assert.Equal(["Name the flag by flagID or flagKey."], errors["records[3].flagID"]);
        Assert.Equal(["Name the variant by variantID or variantKey."], errors["records[3].variantID"]);
    }

    [Fact]
    public async Task Records_older_than_the_maximum_age_are_400_naming_their_timestamp()
    {
        var variant = _flag.VariantId("control");
        var response = await _factory.PostRecordsAsync(_tenant,
        [
            new { flagID = _flag.Id, variantID = variant, entityID = "a", timestamp = Now.AddDays(-30) },
            new { flagID = _flag.Id, variantID = variant, entityID = "b", timestamp = Now.AddDays(-31).AddSeconds(-1) },
            new { flagID = _flag.Id, variantID = variant, entityID = "c", timestamp = DateTimeOffset.MinValue },
        ]);
        var errors = await response.AssertValidationProblemAsync();
        Assert.Equal(new[] { "records[1].timestamp", "records[2].timestamp" }, errors.Keys.Order(StringComparer.Ordinal));

        await (await _factory.PostRecordsAsync(_tenant, [new { flagID = _flag.Id, variantID = variant, entityID = "a", timestamp = Now.AddDays(-31) }]))
            .AssertAcceptedAsync(1);
    }

    [Fact]
    public async Task The_maximum_age_is_configurable()
    {
        using var factory = DatarHost.Create(TestDatabase.Sqlite, _time).WithSetting("Recorder:Datar:MaxRecordAge", "02:00:00");
        var tenant = await factory.CreateTenantAsync();
        var flag = await factory.CreateFlagAsync(tenant.Project.Id, "f");
        var errors = await (await factory.PostRecordsAsync(tenant,
        [
            new { flagID = flag.Id, variantKey = "control", entityID = "a", timestamp = Now.AddHours(-1) },
            new { flagID = flag.Id, variantKey = "control", entityID = "b", timestamp = Now.AddHours(-3) },
        ])).AssertValidationProblemAsync();
        Assert.Equal(new[] { "records[1].timestamp" }, errors.Keys);
    }

    [Theory]
    [InlineData("{\"records\": [null]}", "records[0]")]
    [InlineData("{\"records\": [{\"flagID\": 1, \"variantID\": 1, \"entityID\": \"x\"}, null]}", "records[1]")]
    [InlineData("{\"records\": [{\"flagID\": 1, \"variantID\": 1, \"entityID\": \"x\", \"segmentID\": 2147483648}]}", "records[0].segmentID")]
    [InlineData("{\"records\": [{\"flagID\": 1, \"variantID\": 1, \"entityID\": \"x\", \"segmentID\": -1}]}", "records[0].segmentID")]
    [InlineData("{\"records\": [{\"flagID\": 1, \"variantID\": 1, \"entityID\": \"x\", \"segmentID\": 1.5}]}", "records[0].segmentID")]
    public async Task Null_records_and_segment_ids_outside_int32_are_400_naming_the_field(string json, string field)
    {
        var errors = await (await _factory.PostRawAsync(_tenant, json)).AssertValidationProblemAsync();
        Assert.Equal(new[] { field }, errors.Keys);
    }

    [Fact]
    public async Task The_largest_segment_id_is_accepted()
    {
        await (await _factory.PostRecordsAsync(_tenant, [new { flagID = _flag.Id, variantKey = "control", entityID = "a", segmentID = int.MaxValue }]))
            .AssertAcceptedAsync(1);
        await _factory.Flusher().FlushAllAsync();
        Assert.Equal(int.MaxValue, Assert.Single(await _factory.Store().ReadCountsAsync()).Key.SegmentId);
    }

    [Fact]
    public async Task Batches_hold_at_most_10000_records()
    {
        object Record(int i) => new { flagID = _flag.Id, variantKey = "control", entityID = $"u{i}" };
        await (await _factory.PostRecordsAsync(_tenant, Enumerable.Range(0, 10_000).Select(Record))).AssertAcceptedAsync(10_000);

        var errors = await (await _factory.PostRecordsAsync(_tenant, Enumerable.Range(0, 10_001).Select(Record))).AssertValidationProblemAsync();
        Assert.Equal(new[] { "records" }, errors.Keys);

        await _factory.Flusher().FlushAllAsync();
        Assert.Equal(10_000, (await _factory.Store().ReadCountsAsync()).Values.Sum());
    }

    [Fact]
    public async Task Malformed_json_and_missing_records_are_400_and_a_missing_key_is_401()
    {
        await (await _factory.PostRawAsync(_tenant, "{\"records\": [ {\"flagID\": ")).AssertValidationProblemAsync();
        await (await _factory.PostRawAsync(_tenant, "{\"records\": [ {\"flagID\": \"one\"} ]}")).AssertValidationProblemAsync();
        await (await _factory.PostRawAsync(_tenant, "{\"records\": [ {\"flagID\": 1, \"variantID\": 1, \"entityID\": \"x\", \"recordSource\": \"bogus\"} ]}"))
            .AssertValidationProblemAsync();
        Assert.Equal(new[] { "records" }, (await (await _factory.PostRawAsync(_tenant, "{}")).AssertValidationProblemAsync()).Keys);

        using var anonymous = _factory.CreateClient();
        var response = await anonymous.PostAsync("/api/v1/evaluations", new StringContent("{\"records\": []}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
