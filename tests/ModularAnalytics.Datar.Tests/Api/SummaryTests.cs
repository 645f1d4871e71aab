using System.Net;
using System.Text.Json;
using ModularAnalytics.Datar.Tests.Support;
using ModularAnalytics.Testing;
using ModularAnalytics.Testing.Http;
using Xunit;

namespace ModularAnalytics.Datar.Tests.Api;

/// <summary>End to end over HTTP: catalog set-up, ingestion with the environment key, a flush, then both summaries.</summary>
public abstract class SummaryTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 5, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(Now);
    private ServiceFactory _factory = null!;
    private Tenant _tenant = null!;

    public async Task InitializeAsync()
    {
        _factory = DatarHost.Create(database, _time);
        _tenant = await _factory.CreateTenantAsync();
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Both_summaries_answer_the_exact_counts_with_flagrs_field_names_and_the_contracts_order()
    {
        var checkout = await _factory.CreateFlagAsync(_tenant.Project.Id, "checkout", true, "control", "treatment", "holdout");
        var banner = await _factory.CreateFlagAsync(_tenant.Project.Id, "banner");
        var control = checkout.VariantId("control");
        var treatment = checkout.VariantId("treatment");
        var holdout = checkout.VariantId("holdout");
        var records = new List<object>();
        void Add(int count, object record) => records.AddRange(Enumerable.Repeat(record, count));
        Add(30, new { flagID = checkout.Id, variantID = control, segmentID = 10, entityID = "u", timestamp = "2026-05-20T10:00:00Z" });
        Add(20, new { flagKey = "checkout", variantKey = "treatment", segmentID = 11, entityID = "u", timestamp = "2026-05-21T23:59:59Z" });
        Add(5, new { flagKey = "checkout", variantKey = "treatment", entityID = "u", timestamp = "2026-05-22T00:00:00Z" });
        Add(7, new { flagKey = "checkout", variantKey = "holdout", segmentID = 11, entityID = "u", timestamp = "2026-05-22T11:15:30Z" });
        Add(4, new { flagKey = "banner", variantKey = "control", entityID = "u", timestamp = "2026-05-21T08:00:00Z" });
        await (await _factory.PostRecordsAsync(_tenant, records)).AssertAcceptedAsync(66);
        await _factory.Flusher().FlushAllAsync();

        var summary = await _factory.GetJsonAsync($"/api/v1/projects/{_tenant.Project.Id}/datar/summary");
        var flags = summary.GetProperty("flags").EnumerateArray().ToList();
        Assert.Equal(2, flags.Count);
        Assert.Equal(
            new[] { "flagID", "flagKey", "enabled", "description", "totalEvalCount", "lastEvaluatedAt" },
            flags[0].EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(checkout.Id, flags[0].GetProperty("flagID").GetInt32());
        Assert.Equal("checkout", flags[0].GetProperty("flagKey").GetString());
        Assert.True(flags[0].GetProperty("enabled").GetBoolean());
        Assert.Equal("checkout flag", flags[0].GetProperty("description").GetString());
        Assert.Equal(62, flags[0].GetProperty("totalEvalCount").GetInt64());
        Assert.Equal(DateTimeOffset.Parse("2026-05-22T11:15:30Z", System.Globalization.CultureInfo.InvariantCulture), flags[0].GetProperty("lastEvaluatedAt").GetDateTimeOffset());
        Assert.Equal(banner.Id, flags[1].GetProperty("flagID").GetInt32());
        Assert.Equal(4, flags[1].GetProperty("totalEvalCount").GetInt64());

        var flag = await _factory.GetJsonAsync($"/api/v1/projects/{_tenant.Project.Id}/datar/flags/{checkout.Id}/summary");
        Assert.Equal(new[] { "flagID", "trafficByVariant", "trafficBySegment", "trafficByDay" }, flag.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(checkout.Id, flag.GetProperty("flagID").GetInt32());
        Assert.Equal(new[] { (control, 30L), (treatment, 25L), (holdout, 7L) }, Pairs(flag, "trafficByVariant", "variantID"));
        // Segment 0 (no segment matched) is left out.
        Assert.Equal(new[] { (10, 30L), (11, 27L) }, Pairs(flag, "trafficBySegment", "segmentID"));
        Assert.Equal(
            new[] { ("2026-05-20", 30L), ("2026-05-21", 20L), ("2026-05-22", 12L) },
            flag.GetProperty("trafficByDay").EnumerateArray().Select(d => (d.GetProperty("date").GetString()!, d.GetProperty("count").GetInt64())).ToArray());
    }

    [Fact]
    public async Task The_project_summary_is_busiest_first_paginated_and_defaults_to_the_last_seven_days()
    {
        var flags = new List<Flag>();
        var records = new List<object>();
        for (var i = 0; i < 4; i++)
        {
            var flag = await _factory.CreateFlagAsync(_tenant.Project.Id, $"flag-{i}");
            flags.Add(flag);
            // flag-0: 1 record, flag-1: 2, ... : the busiest is the last created.
            records.AddRange(Enumerable.Repeat<object>(new { flagID = flag.Id, variantKey = "control", entityID = "u", timestamp = "2026-05-21T00:00:00Z" }, i + 1));
        }

        var old = await _factory.CreateFlagAsync(_tenant.Project.Id, "old");
        // 8 days before now: outside the default window.
        records.AddRange(Enumerable.Repeat<object>(new { flagID = old.Id, variantKey = "control", entityID = "u", timestamp = "2026-05-14T11:00:00Z" }, 100));
        await (await _factory.PostRecordsAsync(_tenant, records)).AssertAcceptedAsync(110);
        await _factory.Flusher().FlushAllAsync();

        var url = $"/api/v1/projects/{_tenant.Project.Id}/datar/summary";
        Assert.Equal(new[] { flags[3].Id, flags[2].Id, flags[1].Id, flags[0].Id }, FlagIds(await _factory.GetJsonAsync(url)));
        Assert.Equal(new[] { flags[2].Id, flags[1].Id }, FlagIds(await _factory.GetJsonAsync(url + "?limit=2&offset=1")));
        Assert.Empty(FlagIds(await _factory.GetJsonAsync(url + "?offset=10")));

        // An explicit window reaches the old traffic; the default window ends now and starts 7 days before.
        Assert.Equal(new[] { old.Id, flags[3].Id }, FlagIds(await _factory.GetJsonAsync(url + "?from=2026-05-14&limit=2")));
        Assert.Equal(new[] { old.Id }, FlagIds(await _factory.GetJsonAsync(url + "?from=2026-05-14T00:00:00Z&to=2026-05-15T00:00:00Z")));
        _time.Set(Now.AddDays(-2));
        Assert.Equal(old.Id, FlagIds(await _factory.GetJsonAsync(url))[0]);
        _time.Set(Now.AddDays(30));
        Assert.Empty(FlagIds(await _factory.GetJsonAsync(url)));
    }

    [Fact]
    public async Task A_deleted_flag_disappears_from_the_summary()
    {
        var kept = await _factory.CreateFlagAsync(_tenant.Project.Id, "kept");
        var deleted = await _factory.CreateFlagAsync(_tenant.Project.Id, "deleted");
        await (await _factory.PostRecordsAsync(_tenant,
        [
            new { flagID = kept.Id, variantKey = "control", entityID = "u" },
            new { flagID = deleted.Id, variantKey = "control", entityID = "u" },
            new { flagID = deleted.Id, variantKey = "control", entityID = "u" },
        ])).AssertAcceptedAsync(3);
        await _factory.Flusher().FlushAllAsync();
        var url = $"/api/v1/projects/{_tenant.Project.Id}/datar/summary";
        Assert.Equal(new[] { deleted.Id, kept.Id }, FlagIds(await _factory.GetJsonAsync(url)));

        using var admin = _factory.CreateAdminClient();
        var response = await admin.DeleteAsync($"/api/v1/projects/{_tenant.Project.Id}/flags/{deleted.Id}");
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");

        Assert.Equal(new[] { kept.Id }, FlagIds(await _factory.GetJsonAsync(url)));
        var flagSummary = await admin.GetAsync($"/api/v1/projects/{_tenant.Project.Id}/datar/flags/{deleted.Id}/summary");
        await flagSummary.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_windows_and_pages_are_400_naming_the_parameter()
    {
        var flag = await _factory.CreateFlagAsync(_tenant.Project.Id, "f");
        using var admin = _factory.CreateAdminClient();
        var summary = $"/api/v1/projects/{_tenant.Project.Id}/datar/summary";
        var flagSummary = $"/api/v1/projects/{_tenant.Project.Id}/datar/flags/{flag.Id}/summary";
        foreach (var (url, field) in new[]
        {
            (summary + "?from=yesterday", "from"),
            (summary + "?to=2026-13-01", "to"),
            (summary + "?from=2026-05-10&to=2026-05-01", "from"),
            (summary + "?limit=0", "limit"),
            (summary + "?limit=abc", "limit"),
            (summary + "?limit=100000", "limit"),
            (summary + "?offset=-1", "offset"),
            (flagSummary + "?from=2026-05-22T25:00:00Z", "from"),
            (flagSummary + "?to=tomorrow", "to"),
            (summary + "?to=0001-01-01", "to"),
            (summary + "?from=0001-01-01", "from"),
            (summary + "?to=9999-12-31", "to"),
            (summary + "?from=0001-01-01T00:00:00Z", "from"),
            (flagSummary + "?to=0001-01-01", "to"),
            (flagSummary + "?from=0001-01-01", "from"),
            (flagSummary + "?to=9999-12-31T23:59:59Z", "to"),
            (flagSummary + "?segmentLimit=0", "segmentLimit"),
            (flagSummary + "?segmentLimit=abc", "segmentLimit"),
            (flagSummary + "?segmentLimit=1001", "segmentLimit"),
        })
        {
            var errors = await (await admin.GetAsync(url)).AssertValidationProblemAsync();
            Assert.True(errors.ContainsKey(field), $"{url}: {string.Join(", ", errors.Keys)}");
        }
    }

    [Fact]
    public async Task The_flag_summary_keeps_the_segment_limit_busiest_segments_and_sums_the_rest_into_nothing()
    {
        var flag = await _factory.CreateFlagAsync(_tenant.Project.Id, "many");
        var records = new List<object>();
        // Segment s gets s records: 1..120, so the busiest are 120, 119, ...
        for (var segment = 1; segment <= 120; segment++)
        {
            records.AddRange(Enumerable.Repeat<object>(new { flagID = flag.Id, variantKey = "control", segmentID = segment, entityID = "u" }, segment));
        }

        await (await _factory.PostRecordsAsync(_tenant, records)).AssertAcceptedAsync(records.Count);
        await _factory.Flusher().FlushAllAsync();
        var url = $"/api/v1/projects/{_tenant.Project.Id}/datar/flags/{flag.Id}/summary";

        var byDefault = Pairs(await _factory.GetJsonAsync(url), "trafficBySegment", "segmentID");
        Assert.Equal(Enumerable.Range(21, 100).Reverse().Select(s => (s, (long)s)), byDefault);
        var limited = await _factory.GetJsonAsync(url + "?segmentLimit=3");
        Assert.Equal(new[] { (120, 120L), (119, 119L), (118, 118L) }, Pairs(limited, "trafficBySegment", "segmentID"));
        // Only the segment list is cut: variants and days still count every record.
        Assert.Equal(records.Count, Pairs(limited, "trafficByVariant", "variantID").Sum(p => p.Item2));
    }

    private static (int, long)[] Pairs(JsonElement summary, string array, string id) =>
        summary.GetProperty(array).EnumerateArray().Select(e => (e.GetProperty(id).GetInt32(), e.GetProperty("count").GetInt64())).ToArray();

    private static int[] FlagIds(JsonElement summary) =>
        summary.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("flagID").GetInt32()).ToArray();
}

public sealed class SqliteSummaryTests() : SummaryTests(TestDatabase.Sqlite);

public sealed class PostgresSummaryTests() : SummaryTests(TestDatabase.Postgres);
