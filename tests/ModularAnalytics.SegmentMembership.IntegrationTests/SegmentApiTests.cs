using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.Modules.SegmentMembership.Application.Refresh.RunSegmentMembershipBackfill;
using ModularAnalytics.SegmentMembership.IntegrationTests.Support;
using ModularAnalytics.Testing;
using Quartz;
using Xunit;

namespace ModularAnalytics.SegmentMembership.IntegrationTests;

/// <summary>The segment membership part of the HTTP contract, end to end on a relational store and embedded chDB.</summary>
public abstract class SegmentApiTests(SegmentServiceFactory factory)
{
    [Fact]
    public async Task Segments_round_trip_with_default_key_validation_errors_and_organisation_scoping()
    {
        var org = await factory.CreateOrganisationAsync(inspection: true);
        var other = await factory.CreateOrganisationAsync(inspection: true, "Other");
        using var client = factory.CreateBearerClient(org.ApiToken);
        using var otherClient = factory.CreateBearerClient(other.ApiToken);
        var project = await client.CreateProjectAsync(org.Id);

        var created = await client.CreateSegmentAsync(project.Id, "pro", IdentityData.Segments[0].Rules);
        Assert.Equal(created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), created.Key);
        Assert.Equal(project.Id, created.ProjectId);
        Assert.Empty(created.MembershipCounts);
        Assert.Equal(new StatusBody("pending", null, null), created.MembershipStatus);
        Assert.Equal("pro", created.Rules[0].GetProperty("conditions")[0].GetProperty("value").GetString());

        // A segment change schedules a debounced refresh of its project.
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.True(await scheduler.GetTrigger(new TriggerKey($"segment-membership:refresh:project:{project.Id}", "commands.keyed")) is not null);

        var put = await client.SendJsonAsync(HttpMethod.Put, $"/api/v1/projects/{project.Id}/segments/{created.Id}",
            """{"name": "renamed", "key": "salt", "description": "d", "rules": []}""");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var got = (await client.GetFromJsonAsync<SegmentBody>($"/api/v1/projects/{project.Id}/segments/{created.Id}"))!;
        Assert.Equal(("renamed", "salt", "d"), (got.Name, got.Key, got.Description));
        Assert.Single(await client.ListSegmentsAsync(project.Id));

        var invalid = await client.PostSegmentAsync(project.Id, "bad",
            """[{"type": "ALL", "conditions": [{"operator": "EQUAL", "property": "a", "value": "1"}, {"operator": "FOO", "property": "b", "value": "1"}, {"operator": "REGEX", "property": "c", "value": "(?=lookahead)"}]}]""");
        var errors = await invalid.AssertValidationProblemAsync();
        Assert.Contains("rules[0].conditions[1].operator", errors.Keys);
        Assert.Contains("rules[0].conditions[2].value", errors.Keys);
        Assert.Contains("name", (await (await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{project.Id}/segments", """{"rules": []}""")).AssertValidationProblemAsync()).Keys);

        foreach (var (method, url) in new[]
        {
            (HttpMethod.Get, $"/api/v1/projects/{project.Id}/segments"),
            (HttpMethod.Get, $"/api/v1/projects/{project.Id}/segments/{created.Id}"),
            (HttpMethod.Delete, $"/api/v1/projects/{project.Id}/segments/{created.Id}"),
            (HttpMethod.Post, $"/api/v1/projects/{project.Id}/segment-membership/refresh"),
        })
        {
            var response = await otherClient.SendAsync(new HttpRequestMessage(method, url));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {url}: {(int)response.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/projects/{project.Id}/segments/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/projects/{project.Id}/segments/{created.Id}")).StatusCode);
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/projects/{project.Id}/segments")).StatusCode);
    }

    [Fact]
    public async Task Bulk_identities_reject_bad_traits_all_or_nothing()
    {
        var org = await factory.CreateOrganisationAsync(inspection: true);
        using var client = factory.CreateBearerClient(org.ApiToken);
        var project = await client.CreateProjectAsync(org.Id);
        var environment = await client.CreateEnvironmentAsync(project.Id, "Production");
        using var ingest = factory.CreateEnvironmentClient(environment.Key);

        var bad = await ingest.SendJsonAsync(HttpMethod.Post, "/api/v1/identities/bulk",
            """{"identities": [{"identifier": "fine", "traits": {"a": 1}}, {"identifier": "x", "traits": {"Nested": {"a": 1}, "list": [1]}}, {"identifier": "", "traits": {}}]}""");
        var errors = await bad.AssertValidationProblemAsync();
        Assert.Equal(["identities[1].traits.Nested", "identities[1].traits.list", "identities[2].identifier"], errors.Keys.Order(StringComparer.Ordinal));

        var store = factory.Store();
        var table = store.QualifiedTable("segment_membership", "identities");
        Assert.Empty(await store.QueryAsync($"SELECT identifier FROM {table} WHERE environment_id = @e", ("@e", environment.Id)));

        await factory.PostIdentitiesAsync(environment.Key, [new JsonObject { ["identifier"] = "u1", ["traits"] = new JsonObject { ["a"] = 1, ["b"] = "x" } }]);
        await factory.PostIdentitiesAsync(environment.Key, [new JsonObject { ["identifier"] = "u1", ["key"] = "k", ["traits"] = new JsonObject { ["c"] = true, ["d"] = null } }]);
        var row = Assert.Single(await store.QueryAsync($"SELECT key, traits_json FROM {table} WHERE environment_id = @e", ("@e", environment.Id)));
        Assert.Equal("k", row[0]);
        Assert.Equal("""{"c":true}""", row[1]);

        using var admin = factory.CreateAdminClient();
        var asAdmin = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/identities/bulk", """{"identities": []}""");
        // A bearer token is the wrong credential for an ingestion call: 401, as for a missing one.
        Assert.Equal(HttpStatusCode.Unauthorized, asAdmin.StatusCode);
    }

    [Fact]
    public async Task End_to_end_counts_are_exact_per_environment_and_follow_identity_updates_and_members_page_in_order()
    {
        var org = await factory.CreateOrganisationAsync(inspection: true);
        using var client = factory.CreateBearerClient(org.ApiToken);
        var project = await client.CreateProjectAsync(org.Id);
        var production = await client.CreateEnvironmentAsync(project.Id, "Production");
        var staging = await client.CreateEnvironmentAsync(project.Id, "Staging");
        foreach (var (name, rules, key) in IdentityData.Segments)
        {
            await client.CreateSegmentAsync(project.Id, name, rules, key);
        }

        var prodIdentities = IdentityData.Identities(1000, variant: 0);
        var stagingIdentities = IdentityData.Identities(1000, variant: 1);
        await factory.PostIdentitiesAsync(production.Key, prodIdentities.DeepClone().AsArray());
        await factory.PostIdentitiesAsync(staging.Key, stagingIdentities.DeepClone().AsArray());

        var before = DateTime.UtcNow;
        await client.RefreshAsync(project.Id);
        var segments = await client.WaitForCountsAsync(project.Id, before);
        AssertCounts(segments, (production, prodIdentities), (staging, stagingIdentities));
        Assert.Contains(segments, s => s.MembershipCounts.Any(c => c.Count > 0));
        Assert.All(segments.Single(s => s.Name == "empty").MembershipCounts, c => Assert.Equal(0, c.Count));

        var comments = factory.Probe.LogComments.ToHashSet();
        foreach (var stage in new[] { "backfill", "refresh" })
        {
            Assert.Contains($"modularanalytics:segment_membership:{stage}:org_{org.Id}:project_{project.Id}", comments);
        }

        // Updated identities: the newer copy wins dedup (FINAL), so the recount is exact again.
        for (var i = 0; i < 200; i++)
        {
            var traits = prodIdentities[i]!["traits"]!.AsObject();
            traits["plan"] = traits["plan"]!.GetValue<string>() == "pro" ? "free" : "pro";
            traits["age"] = traits["age"]!.GetValue<int>() + 1;
            traits.Remove("email");
        }

        await factory.PostIdentitiesAsync(production.Key, new JsonArray([.. prodIdentities.Take(200).Select(n => n!.DeepClone())]));
        before = DateTime.UtcNow;
        await client.RefreshAsync(project.Id);
        segments = await client.WaitForCountsAsync(project.Id, before);
        AssertCounts(segments, (production, prodIdentities), (staging, stagingIdentities));

        // Members: exactly the matching identifiers, in order, across pages.
        var pro = segments.Single(s => s.Name == "plan-pro");
        var expected = IdentityData.ExpectedMembers(pro, prodIdentities, production).ToList();
        var seen = new List<MemberBody>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/api/v1/projects/{project.Id}/segments/{pro.Id}/members?environmentId={production.Id}&limit=37" + (cursor is null ? "" : "&cursor=" + cursor);
            var page = (await client.GetFromJsonAsync<MembersBody>(url))!;
            Assert.InRange(page.Identities.Count, 1, 37);
            seen.AddRange(page.Identities);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(expected, seen.Select(m => m.Identifier));
        Assert.Equal((expected.Count + 36) / 37, pages);
        var first = seen[0];
        Assert.Equal("pro", first.Traits.GetProperty("plan").GetString());
        Assert.Equal(first.Identifier.EndsWith('3') ? "custom-" + int.Parse(first.Identifier[5..], System.Globalization.CultureInfo.InvariantCulture) : production.Key + "_" + first.Identifier, first.Key);
        Assert.Contains($"modularanalytics:segment_membership:read:org_{org.Id}:project_{project.Id}", factory.Probe.LogComments);

        var otherProject = await client.CreateProjectAsync(org.Id, "Other");
        var foreignEnvironment = await client.CreateEnvironmentAsync(otherProject.Id, "Elsewhere");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/projects/{project.Id}/segments/{pro.Id}/members?environmentId={foreignEnvironment.Id}")).StatusCode);
        var limitErrors = await (await client.GetAsync($"/api/v1/projects/{project.Id}/segments/{pro.Id}/members?environmentId={production.Id}&limit=1001")).AssertValidationProblemAsync();
        Assert.Contains("limit", limitErrors.Keys);
    }

    [Fact]
    public async Task With_the_switch_off_refresh_is_refused_with_how_to_turn_it_on_and_segments_show_disabled()
    {
        var org = await factory.CreateOrganisationAsync(inspection: false);
        using var client = factory.CreateBearerClient(org.ApiToken);
        var project = await client.CreateProjectAsync(org.Id);
        var environment = await client.CreateEnvironmentAsync(project.Id, "Production");
        var created = await client.CreateSegmentAsync(project.Id, "pro", IdentityData.Segments[0].Rules);
        await factory.PostIdentitiesAsync(environment.Key, IdentityData.Identities(50, 0));

        var refused = await client.PostAsync($"/api/v1/projects/{project.Id}/segment-membership/refresh", null);
        var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($"PATCH /api/v1/organisations/{org.Id}", detail, StringComparison.Ordinal);
        Assert.Contains("\"segmentMembershipInspection\": true", detail, StringComparison.Ordinal);

        Assert.Equal("disabled", created.MembershipStatus.State);
        var listed = Assert.Single(await client.ListSegmentsAsync(project.Id));
        Assert.Empty(listed.MembershipCounts);
        Assert.Equal("disabled", listed.MembershipStatus.State);
        Assert.Contains("segmentMembershipInspection", listed.MembershipStatus.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Probe.LogComments, c => c.EndsWith($":org_{org.Id}:project_{project.Id}", StringComparison.Ordinal));

        // Switched on, the same request counts.
        await factory.SetInspectionAsync(org.Id, true);
        Assert.Equal("pending", Assert.Single(await client.ListSegmentsAsync(project.Id)).MembershipStatus.State);
        var before = DateTime.UtcNow;
        await client.RefreshAsync(project.Id);
        var counted = Assert.Single(await client.WaitForCountsAsync(project.Id, before));
        Assert.Equal(IdentityData.Expected(counted, IdentityData.Identities(50, 0), environment), Assert.Single(counted.MembershipCounts).Count);
        Assert.Equal(new StatusBody("ok", null, null), counted.MembershipStatus);
    }

    [Fact]
    public async Task A_segment_the_warehouse_cannot_count_fails_alone_and_keeps_its_last_counts()
    {
        var org = await factory.CreateOrganisationAsync(inspection: true);
        using var client = factory.CreateBearerClient(org.ApiToken);
        var project = await client.CreateProjectAsync(org.Id);
        var environment = await client.CreateEnvironmentAsync(project.Id, "Production");
        var good = await client.CreateSegmentAsync(project.Id, "pro", IdentityData.Segments[0].Rules);
        var bad = await client.CreateSegmentAsync(project.Id, "bad", """[{"type": "ALL", "conditions": [{"operator": "REGEX", "property": "plan", "value": "p.*"}]}]""");
        var first = IdentityData.Identities(100, 0);
        await factory.PostIdentitiesAsync(environment.Key, first.DeepClone().AsArray());
        var before = DateTime.UtcNow;
        await client.RefreshAsync(project.Id);
        var lastGood = (await client.WaitForCountsAsync(project.Id, before)).Single(s => s.Id == bad.Id).MembershipCounts;

        // Rules stored before validation asked the warehouse's engine: a pattern RE2 refuses to compile (program size).
        var store = factory.Store();
        var segmentsTable = store.QualifiedTable("segment_membership", "segments");
        await store.QueryAsync($"UPDATE {segmentsTable} SET rules_json = @r WHERE id = @i",
            ("@r", """[{"type":"ALL","conditions":[{"operator":"REGEX","property":"plan","value":"\\w{1000}"}]}]"""), ("@i", bad.Id));
        var second = IdentityData.Identities(300, 0);
        await factory.PostIdentitiesAsync(environment.Key, second.DeepClone().AsArray());
        before = DateTime.UtcNow;
        await client.RefreshAsync(project.Id);
        var segments = await SegmentHttp.EventuallyAsync(
            async () => await client.ListSegmentsAsync(project.Id) is var list && list.Single(s => s.Id == good.Id).MembershipCounts.All(c => c.LastSyncedAt > before) ? list : null,
            "the good segment's recount");

        var counted = segments.Single(s => s.Id == good.Id);
        Assert.Equal(IdentityData.Expected(counted, second, environment), Assert.Single(counted.MembershipCounts).Count);
        Assert.Equal("ok", counted.MembershipStatus.State);
        var failed = segments.Single(s => s.Id == bad.Id);
        Assert.Equal(lastGood, failed.MembershipCounts);
        Assert.Equal("failed", failed.MembershipStatus.State);
        Assert.Contains("ClickHouse error", failed.MembershipStatus.Reason, StringComparison.Ordinal);
        Assert.True(failed.MembershipStatus.LastErrorAt > before);
        Assert.Equal(failed.MembershipStatus, (await client.GetFromJsonAsync<SegmentBody>($"/api/v1/projects/{project.Id}/segments/{bad.Id}"))!.MembershipStatus);

        // Its members call names the cause instead of failing with a bare 500.
        var members = await client.GetAsync($"/api/v1/projects/{project.Id}/segments/{bad.Id}/members?environmentId={environment.Id}");
        var problem = await members.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains($"segment {bad.Id}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("ClickHouse error", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Fixed rules clear the failure at the next refresh.
        var fixedRules = await client.SendJsonAsync(HttpMethod.Put, $"/api/v1/projects/{project.Id}/segments/{bad.Id}",
            """{"name": "bad", "rules": [{"type": "ALL", "conditions": [{"operator": "REGEX", "property": "plan", "value": "p.*"}]}]}""");
        Assert.Equal(HttpStatusCode.OK, fixedRules.StatusCode);
        before = DateTime.UtcNow;
        await client.RefreshAsync(project.Id);
        Assert.All(await client.WaitForCountsAsync(project.Id, before), s => Assert.Equal("ok", s.MembershipStatus.State));
    }

    [Fact]
    public async Task Python_regexes_are_accepted_and_what_re2_cannot_compile_is_a_400_naming_the_value()
    {
        var org = await factory.CreateOrganisationAsync(inspection: true);
        using var client = factory.CreateBearerClient(org.ApiToken);
        var project = await client.CreateProjectAsync(org.Id);
        foreach (var pattern in new[] { @"\w+", "(?i)pro", @"a\sb", @"[\d]+", @"\D+", @"\S+\s\S+", "(?s)a.b", @"\W" })
        {
            await client.CreateSegmentAsync(project.Id, "ok", $$"""[{"type": "ALL", "conditions": [{"operator": "REGEX", "property": "a", "value": {{JsonSerializer.Serialize(pattern)}}}]}]""");
        }

        // The first is refused by the translation's own copy of RE2's nesting rule; the second compiles only in RE2
        // itself, which refuses its program size.
        foreach (var pattern in new[] { "((a{1,1000}){1,1000}){1,1000}", @"\w{1000}" })
        {
            var response = await client.PostSegmentAsync(project.Id, "bad", $$"""[{"type": "ALL", "conditions": [{"operator": "EQUAL", "property": "b", "value": "1"}, {"operator": "REGEX", "property": "a", "value": {{JsonSerializer.Serialize(pattern)}}}]}]""");
            var errors = await response.AssertValidationProblemAsync();
            Assert.Equal(["rules[0].conditions[1].value"], errors.Keys);
        }
    }

    [Fact]
    public async Task Members_traits_come_back_as_stored()
    {
        var org = await factory.CreateOrganisationAsync(inspection: true);
        using var client = factory.CreateBearerClient(org.ApiToken);
        var project = await client.CreateProjectAsync(org.Id);
        var environment = await client.CreateEnvironmentAsync(project.Id, "Production");
        var segment = await client.CreateSegmentAsync(project.Id, "all", """[{"type": "ALL", "conditions": [{"operator": "IS_SET", "property": "f"}]}]""");
        using (var ingest = factory.CreateEnvironmentClient(environment.Key))
        {
            var posted = await ingest.SendJsonAsync(HttpMethod.Post, "/api/v1/identities/bulk",
                """{"identities": [{"identifier": "u1", "traits": {"f": 1.0, "g": 2.5e-7, "big": 9007199254740993, "neg": -9223372036854775808, "u": 18446744073709551615, "s": "1.0", "b": true}}]}""");
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        }

        var before = DateTime.UtcNow;
        await client.RefreshAsync(project.Id);
        await client.WaitForCountsAsync(project.Id, before);
        var response = await client.GetAsync($"/api/v1/projects/{project.Id}/segments/{segment.Id}/members?environmentId={environment.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var member = Assert.Single((await response.ReadJsonAsync()).GetProperty("identities").EnumerateArray());
        var traits = member.GetProperty("traits");
        Assert.Equal("1.0", traits.GetProperty("f").GetRawText());
        Assert.Equal(2.5e-7, traits.GetProperty("g").GetDouble());
        Assert.Equal("9007199254740993", traits.GetProperty("big").GetRawText());
        Assert.Equal("-9223372036854775808", traits.GetProperty("neg").GetRawText());
        Assert.Equal("18446744073709551615", traits.GetProperty("u").GetRawText());
        Assert.Equal("\"1.0\"", traits.GetProperty("s").GetRawText());
        Assert.Equal("true", traits.GetProperty("b").GetRawText());
    }

    [Fact]
    public async Task A_failing_refresh_keeps_the_last_good_counts_and_records_the_failure()
    {
        var org = await factory.CreateOrganisationAsync(inspection: true);
        using var client = factory.CreateBearerClient(org.ApiToken);
        var project = await client.CreateProjectAsync(org.Id);
        var environment = await client.CreateEnvironmentAsync(project.Id, "Production");
        await client.CreateSegmentAsync(project.Id, "pro", IdentityData.Segments[0].Rules);
        await factory.PostIdentitiesAsync(environment.Key, IdentityData.Identities(100, 0));
        var before = DateTime.UtcNow;
        await client.RefreshAsync(project.Id);
        var good = Assert.Single(await client.WaitForCountsAsync(project.Id, before)).MembershipCounts;

        factory.Probe.FailRefreshQueries = true;
        try
        {
            await factory.PostIdentitiesAsync(environment.Key, IdentityData.Identities(300, 0));
            await client.RefreshAsync(project.Id);
            var state = await WaitForOutcomeAsync(project.Id, "failed");
            Assert.Contains("Injected failure", (string)state[1]!, StringComparison.Ordinal);
        }
        finally
        {
            factory.Probe.FailRefreshQueries = false;
        }

        var after = Assert.Single(await client.ListSegmentsAsync(project.Id));
        Assert.Equal(good, after.MembershipCounts);
        Assert.Equal("failed", after.MembershipStatus.State);
        Assert.Contains("Injected failure", after.MembershipStatus.Reason, StringComparison.Ordinal);
        Assert.NotNull(after.MembershipStatus.LastErrorAt);
    }

    [Fact]
    public async Task The_daily_backfill_feeds_projects_with_segments_of_organisations_with_the_switch_on_then_recounts_them()
    {
        var on = await factory.CreateOrganisationAsync(inspection: true, "On");
        var off = await factory.CreateOrganisationAsync(inspection: false, "Off");
        var projects = new List<(HttpClient Client, ProjectBody Project, EnvironmentBody Environment)>();
        foreach (var org in new[] { on, off })
        {
            var client = factory.CreateBearerClient(org.ApiToken);
            var project = await client.CreateProjectAsync(org.Id);
            var environment = await client.CreateEnvironmentAsync(project.Id, "Production");
            await client.CreateSegmentAsync(project.Id, "pro", IdentityData.Segments[0].Rules);
            await factory.PostIdentitiesAsync(environment.Key, IdentityData.Identities(30, 2));
            projects.Add((client, project, environment));
        }

        var before = DateTime.UtcNow;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // What the recurring job sends; scheduled runs go through the same MediatR pipeline.
            await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(new RunSegmentMembershipBackfillCommand());
        }

        var counted = Assert.Single(await projects[0].Client.WaitForCountsAsync(projects[0].Project.Id, before));
        Assert.Equal(IdentityData.Expected(counted, IdentityData.Identities(30, 2), projects[0].Environment), Assert.Single(counted.MembershipCounts).Count);
        Assert.Contains($"modularanalytics:segment_membership:backfill:org_{on.Id}:project_{projects[0].Project.Id}", factory.Probe.LogComments);
        Assert.DoesNotContain(factory.Probe.LogComments, c => c.EndsWith($":org_{off.Id}:project_{projects[1].Project.Id}", StringComparison.Ordinal));
        Assert.Empty(Assert.Single(await projects[1].Client.ListSegmentsAsync(projects[1].Project.Id)).MembershipCounts);
        projects.ForEach(p => p.Client.Dispose());
    }

    private async Task<object?[]> WaitForOutcomeAsync(int projectId, string outcome)
    {
        var store = factory.Store();
        var sql = $"SELECT last_outcome, last_error FROM {store.QualifiedTable("segment_membership", "refresh_states")} WHERE project_id = @p";
        return await SegmentHttp.EventuallyAsync(
            async () => (await store.QueryAsync(sql, ("@p", projectId))).FirstOrDefault(r => (string?)r[0] == outcome),
            $"refresh outcome '{outcome}' of project {projectId}");
    }

    private static void AssertCounts(List<SegmentBody> segments, params (EnvironmentBody Environment, JsonArray Identities)[] environments)
    {
        Assert.Equal(IdentityData.Segments.Length, segments.Count);
        foreach (var segment in segments)
        {
            Assert.Equal(environments.Select(e => e.Environment.Id).Order(), segment.MembershipCounts.Select(c => c.Environment).Order());
            foreach (var (environment, identities) in environments)
            {
                var expected = IdentityData.Expected(segment, identities, environment);
                var actual = segment.MembershipCounts.Single(c => c.Environment == environment.Id).Count;
                Assert.True(expected == actual, $"{segment.Name} in {environment.Name}: expected {expected}, counted {actual}");
            }
        }
    }
}

public sealed class SqliteSegmentApiTests(SqliteSegmentServiceFactory factory) : SegmentApiTests(factory), IClassFixture<SqliteSegmentServiceFactory>;

public sealed class PostgresSegmentApiTests(PostgresSegmentServiceFactory factory) : SegmentApiTests(factory), IClassFixture<PostgresSegmentServiceFactory>;
