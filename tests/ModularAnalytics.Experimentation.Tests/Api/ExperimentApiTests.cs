using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ModularAnalytics.Experimentation.Tests.Support;
using ModularAnalytics.Testing.Http;

namespace ModularAnalytics.Experimentation.Tests.Api;

/// <summary>The Experimentation part of the HTTP contract, end to end on a relational store and the embedded warehouse.</summary>
public abstract class ExperimentApiTests(ExperimentServiceFactory factory)
{
    private static string Ts(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Experiments_are_created_listed_read_patched_and_scoped_to_their_organisation()
    {
        var tenant = await factory.CreateTenantAsync();
        var other = await factory.CreateTenantAsync("Other");
        using var client = factory.CreateBearerClient(tenant.Token);
        using var otherClient = factory.CreateBearerClient(other.Token);
        var url = $"/api/v1/projects/{tenant.ProjectId}/experiments";

        var created = await (await client.SendJsonAsync(HttpMethod.Post, url, $$"""
            {"name": "Checkout test", "flagKey": "checkout", "environmentId": {{tenant.EnvironmentId}},
             "variants": [{"key": "control", "weight": 1}, {"key": "treatment", "weight": 3}], "startedAt": "2026-11-01T00:00:00Z"}
            """)).ReadJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal(tenant.ProjectId, created.GetProperty("projectId").GetInt32());
        Assert.Equal("checkout", created.GetProperty("flagKey").GetString());
        Assert.Equal(tenant.EnvironmentId, created.GetProperty("environmentId").GetInt32());
        Assert.Equal(3, created.GetProperty("variants")[1].GetProperty("weight").GetDouble());
        Assert.Equal("2026-11-01T00:00:00Z", created.GetProperty("startedAt").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("endedAt").ValueKind);

        var listed = await (await client.GetAsync(url)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetInt32());

        var patched = await (await client.SendJsonAsync(HttpMethod.Patch, $"{url}/{id}", """{"name": "Renamed"}""")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Renamed", patched.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, patched.GetProperty("endedAt").ValueKind);
        var ended = await (await client.SendJsonAsync(HttpMethod.Patch, $"{url}/{id}", """{"endedAt": "2026-11-02T00:00:00Z"}""")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(("Renamed", "2026-11-02T00:00:00Z"), (ended.GetProperty("name").GetString(), ended.GetProperty("endedAt").GetString()));
        Assert.Equal(["endedAt"], await (await client.SendJsonAsync(HttpMethod.Patch, $"{url}/{id}", """{"endedAt": "2026-10-01T00:00:00Z"}""")).ValidationFieldsAsync());
        Assert.Equal(["name"], await (await client.SendJsonAsync(HttpMethod.Patch, $"{url}/{id}", """{"name": ""}""")).ValidationFieldsAsync());

        // Bodies valid for the route, so that only the organisation check can refuse them.
        var body = $$"""{"name": "x", "flagKey": "checkout", "environmentId": {{tenant.EnvironmentId}}, "variants": [{"key": "control", "weight": 1}], "startedAt": "2026-11-01T00:00:00Z"}""";
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, url), (HttpMethod.Post, url), (HttpMethod.Get, $"{url}/{id}"), (HttpMethod.Patch, $"{url}/{id}"),
            (HttpMethod.Get, $"{url}/{id}/exposures"), (HttpMethod.Post, $"{url}/{id}/exposures/refresh"),
        })
        {
            var response = await otherClient.SendJsonAsync(method, path, body);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/projects/{other.ProjectId}/experiments")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/api/v1/projects/{other.ProjectId}/experiments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Invalid_experiments_get_400s_naming_the_field()
    {
        var tenant = await factory.CreateTenantAsync();
        var other = await factory.CreateTenantAsync("Other");
        using var client = factory.CreateBearerClient(tenant.Token);
        var url = $"/api/v1/projects/{tenant.ProjectId}/experiments";

        async Task<string[]> Post(string json) => await (await client.SendJsonAsync(HttpMethod.Post, url, json)).ValidationFieldsAsync();
        string Body(string flag = "checkout", int? environment = null, string variants = """[{"key": "control", "weight": 1}, {"key": "treatment", "weight": 1}]""", string ended = "null") =>
            $$"""{"name": "e", "flagKey": "{{flag}}", "environmentId": {{environment ?? tenant.EnvironmentId}}, "variants": {{variants}}, "startedAt": "2026-11-01T00:00:00Z", "endedAt": {{ended}}}""";

        Assert.Equal(["variants[1].key"], await Post(Body(variants: """[{"key": "control", "weight": 1}, {"key": "nope", "weight": 1}]""")));
        Assert.Equal(["variants[1].key"], await Post(Body(variants: """[{"key": "control", "weight": 1}, {"key": "control", "weight": 1}]""")));
        Assert.Equal(["variants[0].weight"], await Post(Body(variants: """[{"key": "control", "weight": 0}]""")));
        Assert.Equal(["variants[0].weight"], await Post(Body(variants: """[{"key": "control", "weight": -2}]""")));
        Assert.Equal(["variants"], await Post(Body(variants: "[]")));
        Assert.Equal(["variants[0]"], await Post(Body(variants: "[null]")));
        Assert.Equal(["flagKey"], await Post(Body(flag: "missing")));
        Assert.Equal(["environmentId"], await Post(Body(environment: other.EnvironmentId)));
        Assert.Equal(["endedAt"], await Post(Body(ended: "\"2026-10-31T00:00:00Z\"")));
        Assert.Equal(["endedAt"], await Post(Body(ended: "\"2026-11-01T00:00:00Z\"")));
        Assert.Equal(["startedAt"], await Post("""{"name": "e", "flagKey": "checkout", "environmentId": 1, "variants": [{"key": "control", "weight": 1}]}"""));
        Assert.Contains("name", await Post("""{"flagKey": "checkout"}"""));
        Assert.Equal(["body"], await Post(""));
    }

    [Fact]
    public async Task Events_are_validated_all_or_nothing()
    {
        var tenant = await factory.CreateTenantAsync();
        using var ingest = factory.CreateEnvironmentClient(tenant.EnvironmentKey);
        var now = DateTime.UtcNow;

        Assert.Equal(["events[1].identifier"], await (await ingest.SendJsonAsync(HttpMethod.Post, "/api/v1/events",
            """{"events": [{"event": "a", "identifier": "u"}, {"event": "a"}]}""")).ValidationFieldsAsync());
        Assert.Equal(["events[0].event"], await (await ingest.SendJsonAsync(HttpMethod.Post, "/api/v1/events",
            """{"events": [{"identifier": "u"}]}""")).ValidationFieldsAsync());
        Assert.Equal(["events[1].timestamp"], await (await ingest.SendJsonAsync(HttpMethod.Post, "/api/v1/events",
            $$"""{"events": [{"event": "a", "identifier": "u", "timestamp": "{{Ts(now.AddMinutes(50))}}"}, {"event": "a", "identifier": "u", "timestamp": "{{Ts(now.AddHours(2))}}"}]}""")).ValidationFieldsAsync());
        Assert.Equal(["events[0].timestamp"], await (await ingest.SendJsonAsync(HttpMethod.Post, "/api/v1/events",
            $$"""{"events": [{"event": "a", "identifier": "u", "timestamp": "{{Ts(now.AddDays(-40))}}"}]}""")).ValidationFieldsAsync());
        Assert.Equal(["events[0]"], await (await ingest.SendJsonAsync(HttpMethod.Post, "/api/v1/events", """{"events": [null]}""")).ValidationFieldsAsync());
        Assert.Equal(["events"], await (await ingest.SendJsonAsync(HttpMethod.Post, "/api/v1/events", "{}")).ValidationFieldsAsync());
        var tooMany = JsonSerializer.Serialize(new { events = Enumerable.Range(0, 10_001).Select(i => new { @event = "a", identifier = "u" }) });
        Assert.Equal(["events"], await (await ingest.SendJsonAsync(HttpMethod.Post, "/api/v1/events", tooMany)).ValidationFieldsAsync());

        var full = JsonSerializer.Serialize(new { events = Enumerable.Range(0, 10_000).Select(i => new { @event = "$pageview", identifier = $"u{i}" }) });
        var accepted = await (await ingest.SendJsonAsync(HttpMethod.Post, "/api/v1/events", full)).ReadJsonAsync(HttpStatusCode.Accepted);
        Assert.Equal(10_000, accepted.GetProperty("accepted").GetInt32());

        using var management = factory.CreateBearerClient(tenant.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await management.SendJsonAsync(HttpMethod.Post, "/api/v1/events", """{"events": []}""")).StatusCode);
    }

    [Fact]
    public async Task Exposures_are_counted_exactly_refreshed_on_request_kept_on_failure_and_final_once_ended()
    {
        var tenant = await factory.CreateTenantAsync();
        using var client = factory.CreateBearerClient(tenant.Token);
        using var ingest = factory.CreateEnvironmentClient(tenant.EnvironmentKey);
        var now = DateTime.UtcNow;
        var started = now.AddHours(-3);
        var experiment = await (await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{tenant.ProjectId}/experiments", $$"""
            {"name": "Checkout", "flagKey": "checkout", "environmentId": {{tenant.EnvironmentId}},
             "variants": [{"key": "control", "weight": 1}, {"key": "treatment", "weight": 1}], "startedAt": "{{Ts(started)}}"}
            """)).ReadJsonAsync(HttpStatusCode.Created);
        var url = $"/api/v1/projects/{tenant.ProjectId}/experiments/{experiment.GetProperty("id").GetInt32()}";

        var before = await (await client.GetAsync(url + "/exposures")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("asOf").ValueKind);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("payload").ValueKind);
        Assert.False(before.GetProperty("isFinal").GetBoolean());

        var t1 = Ts(now.AddHours(-2));
        var t2 = Ts(now.AddHours(-1));
        await (await ingest.SendJsonAsync(HttpMethod.Post, "/api/v1/events", $$"""
            {"events": [
              {"event": "$flag_exposure", "identifier": "u1", "featureName": "checkout", "value": "control", "timestamp": "{{t1}}"},
              {"event": "$flag_exposure", "identifier": "u1", "featureName": "checkout", "value": "control", "timestamp": "{{t1}}"},
              {"event": "$flag_exposure", "identifier": "u2", "featureName": "checkout", "value": "treatment", "timestamp": "{{t2}}"},
              {"event": "$flag_exposure", "identifier": "u3", "featureName": "checkout", "value": "control", "timestamp": "{{t1}}"},
              {"event": "$flag_exposure", "identifier": "u3", "featureName": "checkout", "value": "treatment", "timestamp": "{{t2}}"},
              {"event": "$flag_exposure", "identifier": "u5", "featureName": "checkout", "value": "spare", "timestamp": "{{t2}}"},
              {"event": "$flag_exposure", "identifier": "u6", "featureName": "other-flag", "value": "control", "timestamp": "{{t2}}"},
              {"event": "$flag_exposure", "identifier": "u7", "featureName": "checkout", "value": "control", "timestamp": "{{Ts(started.AddMinutes(-1))}}"},
              {"event": "$pageview", "identifier": "u8", "featureName": "checkout", "value": "control"}
            ]}
            """)).ReadJsonAsync(HttpStatusCode.Accepted);

        // Handed over from the evaluation stream, although no data recorder is enabled.
        await (await ingest.SendJsonAsync(HttpMethod.Post, "/api/v1/evaluations", $$"""
            {"records": [{"flagKey": "checkout", "variantKey": "control", "entityID": "u4", "timestamp": "{{t2}}", "recordSource": "exposure"},
                         {"flagKey": "checkout", "variantKey": "treatment", "entityID": "u9", "recordSource": "evaluation"}]}
            """)).ReadJsonAsync(HttpStatusCode.Accepted);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync(url + "/exposures/refresh", null)).StatusCode);
        var first = await client.WaitForExposuresAsync(url + "/exposures", e => e.GetProperty("asOf").ValueKind != JsonValueKind.Null, "the first refresh");
        var payload = first.GetProperty("payload");
        Assert.Equal("hour", payload.GetProperty("granularity").GetString());
        Assert.Equal(5, payload.GetProperty("totalIdentities").GetInt64());
        Assert.Equal(1, payload.GetProperty("excludedIdentities").GetInt64());
        Assert.Equal("""{"control":2,"treatment":1,"spare":1}""", payload.GetProperty("variants").GetRawText());
        var series = payload.GetProperty("timeseries").EnumerateArray().ToList();
        var asOf = DateTime.Parse(first.GetProperty("asOf").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        var firstBucket = new DateTime(started.Year, started.Month, started.Day, started.Hour, 0, 0, DateTimeKind.Utc);
        Assert.Equal((int)(new DateTime(asOf.Year, asOf.Month, asOf.Day, asOf.Hour, 0, 0) - firstBucket).TotalHours + 1, series.Count);
        Assert.Equal(Ts(firstBucket)[..19] + "Z", series[0].GetProperty("bucket").GetString());
        Assert.Equal("""{"control":2,"treatment":1,"spare":1,"$multiple":1}""", series[^1].GetProperty("cumulativeIdentities").GetRawText());
        var srm = payload.GetProperty("sampleRatioMismatch");
        Assert.Equal("not-enough-traffic", srm.GetProperty("status").GetString());
        Assert.Equal(1.5, srm.GetProperty("expected").GetProperty("control").GetDouble());
        Assert.Equal(0.563702861650773, srm.GetProperty("pValue").GetDouble(), 12);

        // A failing refresh records when it failed and keeps the last good payload.
        factory.Faults.FailExposureQueries = true;
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync(url + "/exposures/refresh", null)).StatusCode);
        var failed = await client.WaitForExposuresAsync(url + "/exposures", e => e.GetProperty("lastErrorAt").ValueKind != JsonValueKind.Null, "a failed refresh");
        factory.Faults.FailExposureQueries = false;
        Assert.Equal(first.GetProperty("asOf").GetString(), failed.GetProperty("asOf").GetString());
        Assert.Equal(payload.GetRawText(), failed.GetProperty("payload").GetRawText());

        // Ending the experiment schedules its final refresh, which covers the window up to the end.
        var endedAt = Ts(now.AddMinutes(-30));
        await (await client.SendJsonAsync(HttpMethod.Patch, url, $$"""{"endedAt": "{{endedAt}}"}""")).ReadJsonAsync(HttpStatusCode.OK);
        var final = await client.WaitForExposuresAsync(url + "/exposures", e => e.GetProperty("isFinal").GetBoolean(), "the final refresh");
        Assert.Equal(5, final.GetProperty("payload").GetProperty("totalIdentities").GetInt64());
        var finalSeries = final.GetProperty("payload").GetProperty("timeseries").EnumerateArray().ToList();
        var end = now.AddMinutes(-30);
        Assert.Equal((int)(new DateTime(end.Year, end.Month, end.Day, end.Hour, 0, 0) - firstBucket).TotalHours + 1, finalSeries.Count);
    }
}

public sealed class SqliteExperimentApiTests(SqliteExperimentServiceFactory factory)
    : ExperimentApiTests(factory), IClassFixture<SqliteExperimentServiceFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresExperimentApiTests(PostgresExperimentServiceFactory factory)
    : ExperimentApiTests(factory), IClassFixture<PostgresExperimentServiceFactory>;

[CollectionDefinition(Name)]
public sealed class PostgresCollection
{
    public const string Name = "postgres";
}
