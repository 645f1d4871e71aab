using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Testing;
using Xunit;
using ServiceFactory = ModularAnalytics.Testing.ServiceFactory;

namespace ModularAnalytics.Catalog.Tests.Api;

/// <summary>The Catalog part of the HTTP contract, run once per relational provider.</summary>
public abstract class CatalogApiTests(ServiceFactory factory)
{
    [Fact]
    public async Task Creating_an_organisation_returns_its_token_once_and_stores_only_the_hash()
    {
        using var admin = factory.CreateAdminClient();
        var response = await admin.PostAsJsonAsync("/api/v1/organisations", new { name = "Hashed Ltd" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<CreatedOrganisation>())!;
        Assert.Equal($"/api/v1/organisations/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Hashed Ltd", created.Name);
        Assert.False(created.SegmentMembershipInspection);
        Assert.Matches("^[0-9a-f]{64}$", created.ApiToken);

        var store = factory.Store();
        var rows = await store.QueryAsync(
            $"SELECT api_token_hash FROM {store.QualifiedTable("catalog", "organisations")} WHERE id = @id", ("@id", created.Id));
        var stored = Assert.Single(rows)[0] as string;
        Assert.NotEqual(created.ApiToken, stored);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(created.ApiToken))), stored);

        // Later answers never carry the token again.
        var patched = await admin.PatchAsJsonAsync($"/api/v1/organisations/{created.Id}", new { name = "Renamed" });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.False((await patched.ReadJsonAsync()).TryGetProperty("apiToken", out _));
    }

    [Fact]
    public async Task An_organisation_token_manages_its_own_projects_and_sees_404_for_another_organisations()
    {
        var mine = await factory.CreateOrganisationAsync("Mine");
        var theirs = await factory.CreateOrganisationAsync("Theirs");
        using var admin = factory.CreateAdminClient();
        var theirProject = await admin.CreateProjectAsync(theirs.Id, "Their project");
        var theirFlag = await admin.CreateFlagAsync(theirProject.Id, "their-flag", "on");

        using var client = factory.CreateBearerClient(mine.ApiToken);
        var project = await client.CreateProjectAsync(mine.Id, "My project");
        Assert.Equal(mine.Id, project.OrganisationId);
        var environment = await client.CreateEnvironmentAsync(project.Id);
        var flag = await client.CreateFlagAsync(project.Id, "my-flag");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/projects/{project.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/projects/{project.Id}/flags/{flag.Id}")).StatusCode);
        var environments = await client.GetFromJsonAsync<List<EnvironmentBody>>($"/api/v1/projects/{project.Id}/environments");
        Assert.Equal(environment, Assert.Single(environments!));

        var foreign = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Post, "/api/v1/projects", new { organisationId = theirs.Id, name = "Sneaky" }),
            (HttpMethod.Patch, $"/api/v1/organisations/{theirs.Id}", new { name = "Owned" }),
            (HttpMethod.Get, $"/api/v1/projects/{theirProject.Id}", null),
            (HttpMethod.Get, $"/api/v1/projects/{theirProject.Id}/environments", null),
            (HttpMethod.Post, $"/api/v1/projects/{theirProject.Id}/environments", new { name = "Sneaky" }),
            (HttpMethod.Post, $"/api/v1/projects/{theirProject.Id}/flags", new { key = "sneaky", variants = Array.Empty<object>() }),
            (HttpMethod.Get, $"/api/v1/projects/{theirProject.Id}/flags/{theirFlag.Id}", null),
            (HttpMethod.Patch, $"/api/v1/projects/{theirProject.Id}/flags/{theirFlag.Id}", new { enabled = false }),
            (HttpMethod.Delete, $"/api/v1/projects/{theirProject.Id}/flags/{theirFlag.Id}", null),
            // Their flag through my project: the flag id alone must not be enough.
            (HttpMethod.Get, $"/api/v1/projects/{project.Id}/flags/{theirFlag.Id}", null),
        };
        foreach (var (method, url, body) in foreign)
        {
            var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
            var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {url} answered {(int)response.StatusCode}");
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        // Nothing of theirs changed.
        var theirFlagNow = await admin.GetFromJsonAsync<FlagBody>($"/api/v1/projects/{theirProject.Id}/flags/{theirFlag.Id}");
        Assert.True(theirFlagNow!.Enabled);
        Assert.Empty((await admin.GetFromJsonAsync<List<EnvironmentBody>>($"/api/v1/projects/{theirProject.Id}/environments"))!);
    }

    [Fact]
    public async Task Missing_wrong_or_misplaced_credentials_get_401_problems()
    {
        var organisation = await factory.CreateOrganisationAsync();
        using var admin = factory.CreateAdminClient();
        var project = await admin.CreateProjectAsync(organisation.Id);
        var environment = await admin.CreateEnvironmentAsync(project.Id);
        var url = $"/api/v1/projects/{project.Id}";

        using var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        using var wrongToken = factory.CreateBearerClient("not-a-token");
        await (await wrongToken.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        using var basic = factory.CreateClient();
        basic.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        await (await basic.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        // A real environment key is an ingestion credential, not a management one.
        using var environmentClient = factory.CreateEnvironmentClient(environment.Key);
        await (await environmentClient.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await environmentClient.PostAsJsonAsync("/api/v1/projects", new { organisationId = organisation.Id, name = "x" }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);

        using var unknownKey = factory.CreateEnvironmentClient("unknown-key");
        await (await unknownKey.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        // Only the admin creates organisations.
        using var organisationClient = factory.CreateBearerClient(organisation.ApiToken);
        await (await organisationClient.PostAsJsonAsync("/api/v1/organisations", new { name = "Nope" }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync("/api/v1/organisations", new { name = "Nope" }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_admin_manages_every_organisation()
    {
        var first = await factory.CreateOrganisationAsync("First");
        var second = await factory.CreateOrganisationAsync("Second", inspection: true);
        Assert.True(second.SegmentMembershipInspection);
        using var admin = factory.CreateAdminClient();

        foreach (var organisation in new[] { first, second })
        {
            var project = await admin.CreateProjectAsync(organisation.Id, $"Project of {organisation.Name}");
            Assert.Equal(new ProjectBody(project.Id, organisation.Id, $"Project of {organisation.Name}"),
                await admin.GetFromJsonAsync<ProjectBody>($"/api/v1/projects/{project.Id}"));
            var environment = await admin.CreateEnvironmentAsync(project.Id, "Staging");
            Assert.Equal(project.Id, environment.ProjectId);
            var flag = await admin.CreateFlagAsync(project.Id, "checkout");
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/projects/{project.Id}/flags/{flag.Id}")).StatusCode);
        }

        // A project for an organisation that does not exist is a 404, as for a foreign one.
        await (await admin.PostAsJsonAsync("/api/v1/projects", new { organisationId = 999_999, name = "Ghost" }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/api/v1/projects/999999")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PatchAsJsonAsync("/api/v1/organisations/999999", new { name = "Ghost" })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patching_an_organisation_changes_only_the_fields_sent()
    {
        var organisation = await factory.CreateOrganisationAsync("Before");
        using var client = factory.CreateBearerClient(organisation.ApiToken);
        var url = $"/api/v1/organisations/{organisation.Id}";

        var renamed = await client.PatchAsJsonAsync(url, new { name = "After" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var body = await renamed.ReadJsonAsync();
        Assert.Equal(organisation.Id, body.GetProperty("id").GetInt32());
        Assert.Equal("After", body.GetProperty("name").GetString());
        Assert.False(body.GetProperty("segmentMembershipInspection").GetBoolean());

        var switched = await (await client.PatchAsJsonAsync(url, new { segmentMembershipInspection = true })).ReadJsonAsync();
        Assert.Equal("After", switched.GetProperty("name").GetString());
        Assert.True(switched.GetProperty("segmentMembershipInspection").GetBoolean());
        Assert.True(await SendAsync(new GetSegmentMembershipInspectionQuery(organisation.Id)));

        var errors = await (await client.SendJsonAsync(HttpMethod.Patch, url, """{"name": null}""")).AssertValidationProblemAsync();
        Assert.Equal(["name"], errors.Keys);
        errors = await (await client.SendJsonAsync(HttpMethod.Patch, url, """{"segmentMembershipInspection": null}""")).AssertValidationProblemAsync();
        Assert.Equal(["segmentMembershipInspection"], errors.Keys);
        errors = await (await client.SendJsonAsync(HttpMethod.Patch, url, $$"""{"name": "{{new string('n', 201)}}"}""")).AssertValidationProblemAsync();
        Assert.Equal(["name"], errors.Keys);

        // The rejected patches changed nothing; an empty patch is a no-op that still answers the organisation.
        var unchanged = await (await client.PatchAsJsonAsync(url, new { })).ReadJsonAsync();
        Assert.Equal("After", unchanged.GetProperty("name").GetString());
        Assert.True(unchanged.GetProperty("segmentMembershipInspection").GetBoolean());
    }

    [Fact]
    public async Task Environments_get_unique_ingestion_keys()
    {
        var organisation = await factory.CreateOrganisationAsync();
        using var client = factory.CreateBearerClient(organisation.ApiToken);
        var project = await client.CreateProjectAsync(organisation.Id);

        var response = await client.PostAsJsonAsync($"/api/v1/projects/{project.Id}/environments", new { name = "Production" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var production = (await response.Content.ReadFromJsonAsync<EnvironmentBody>())!;
        Assert.Equal($"/api/v1/projects/{project.Id}/environments/{production.Id}", response.Headers.Location?.OriginalString);
        var staging = await client.CreateEnvironmentAsync(project.Id, "Staging");

        Assert.Equal("Production", production.Name);
        Assert.Matches("^[0-9a-f]{64}$", production.Key);
        Assert.NotEqual(production.Key, staging.Key);
        var listed = await client.GetFromJsonAsync<List<EnvironmentBody>>($"/api/v1/projects/{project.Id}/environments");
        Assert.Equal([production, staging], listed);

        var resolved = await SendAsync(new GetEnvironmentByKeyQuery(staging.Key));
        Assert.Equal(new EnvironmentInfo(staging.Id, project.Id, organisation.Id, "Staging", staging.Key), resolved);
        Assert.Null(await SendAsync(new GetEnvironmentByKeyQuery("no-such-key")));
        var environments = await SendAsync(new GetProjectEnvironmentsQuery(project.Id));
        Assert.Equal([production.Id, staging.Id], environments.Select(e => e.Id));
    }

    [Fact]
    public async Task A_flag_is_created_read_patched_and_deleted_with_its_variants()
    {
        var organisation = await factory.CreateOrganisationAsync();
        using var client = factory.CreateBearerClient(organisation.ApiToken);
        var project = await client.CreateProjectAsync(organisation.Id);
        var flagsUrl = $"/api/v1/projects/{project.Id}/flags";

        var response = await client.PostAsJsonAsync(flagsUrl, new { key = "new-checkout", variants = new[] { new { key = "control" }, new { key = "treatment" } } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<FlagBody>())!;
        var url = $"{flagsUrl}/{created.Id}";
        Assert.Equal(url, response.Headers.Location?.OriginalString);
        Assert.Equal(project.Id, created.ProjectId);
        Assert.Equal("new-checkout", created.Key);
        Assert.Equal(string.Empty, created.Description);
        Assert.True(created.Enabled);
        Assert.False(created.DataRecordsEnabled);
        Assert.Equal(["control", "treatment"], created.Variants.Select(v => v.Key));
        Assert.Equal(2, created.Variants.Select(v => v.Id).Distinct().Count());

        var read = (await client.GetFromJsonAsync<FlagBody>(url))!;
        Assert.Equal(created.Variants, read.Variants);
        Assert.Equal(created with { Variants = read.Variants }, read);

        // Keep "control", drop "treatment", add "holdout": the kept variant keeps its id.
        var patchResponse = await client.PatchAsJsonAsync(url, new
        {
            description = "Checkout rewrite",
            dataRecordsEnabled = true,
            variants = new[] { new { key = "holdout" }, new { key = "control" } },
        });
        Assert.Equal(HttpStatusCode.OK, patchResponse.StatusCode);
        var patched = (await patchResponse.Content.ReadFromJsonAsync<FlagBody>())!;
        Assert.Equal("Checkout rewrite", patched.Description);
        Assert.True(patched.Enabled);
        Assert.True(patched.DataRecordsEnabled);
        Assert.Equal("new-checkout", patched.Key);
        var control = created.Variants.Single(v => v.Key == "control");
        Assert.Contains(control, patched.Variants);
        Assert.DoesNotContain(patched.Variants, v => v.Key == "treatment");
        var holdout = Assert.Single(patched.Variants, v => v.Key == "holdout");
        Assert.DoesNotContain(holdout.Id, created.Variants.Select(v => v.Id));

        var disabled = (await (await client.PatchAsJsonAsync(url, new { enabled = false })).Content.ReadFromJsonAsync<FlagBody>())!;
        Assert.False(disabled.Enabled);
        Assert.Equal(patched.Variants, disabled.Variants);
        Assert.Equal("Checkout rewrite", disabled.Description);

        var info = await SendAsync(new GetFlagByKeyQuery(project.Id, "new-checkout"));
        Assert.NotNull(info);
        Assert.Equal((created.Id, project.Id, "new-checkout", "Checkout rewrite", false, true), (info.Id, info.ProjectId, info.Key, info.Description, info.Enabled, info.DataRecordsEnabled));
        Assert.Equal(disabled.Variants.Select(v => new VariantInfo(v.Id, v.Key)), info.Variants);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(url)).StatusCode);
        await (await client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.PatchAsJsonAsync(url, new { enabled = true })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Null(await SendAsync(new GetFlagByIdQuery(created.Id)));
        Assert.Null(await SendAsync(new GetFlagByKeyQuery(project.Id, "new-checkout")));

        // The row survives for other modules' history, marked deleted.
        var store = factory.Store();
        var rows = await store.QueryAsync(
            $"SELECT deleted_at FROM {store.QualifiedTable("catalog", "flags")} WHERE id = @id", ("@id", created.Id));
        Assert.NotNull(Assert.Single(rows)[0]);

        // The key is free again.
        var again = await client.CreateFlagAsync(project.Id, "new-checkout");
        Assert.NotEqual(created.Id, again.Id);
    }

    [Fact]
    public async Task Project_flags_for_other_modules_exclude_deleted_flags()
    {
        var organisation = await factory.CreateOrganisationAsync();
        using var client = factory.CreateBearerClient(organisation.ApiToken);
        var project = await client.CreateProjectAsync(organisation.Id);
        var other = await client.CreateProjectAsync(organisation.Id, "Other");
        var kept = await client.CreateFlagAsync(project.Id, "kept", "a", "b");
        var deleted = await client.CreateFlagAsync(project.Id, "deleted");
        await client.CreateFlagAsync(other.Id, "elsewhere");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/projects/{project.Id}/flags/{deleted.Id}")).StatusCode);

        var flags = await SendAsync(new GetProjectFlagsQuery(project.Id));

        var only = Assert.Single(flags);
        Assert.Equal(kept.Id, only.Id);
        Assert.True(only.Enabled);
        Assert.False(only.DataRecordsEnabled);
        Assert.Equal(kept.Variants.Select(v => (v.Id, v.Key)), only.Variants.Select(v => (v.Id, v.Key)));
        Assert.Equal(new ProjectInfo(project.Id, organisation.Id, project.Name), await SendAsync(new GetProjectQuery(project.Id)));
        Assert.Null(await SendAsync(new GetProjectQuery(999_999)));
        Assert.Equal([project.Id, other.Id], (await SendAsync(new GetOrganisationProjectsQuery(organisation.Id))).Select(p => p.Id));
    }

    [Fact]
    public async Task Organisations_with_segment_membership_inspection_are_listed_for_jobs()
    {
        var on = await factory.CreateOrganisationAsync("On", inspection: true);
        var off = await factory.CreateOrganisationAsync("Off");
        var switchedOn = await factory.CreateOrganisationAsync("Switched on");
        using var admin = factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/v1/organisations/{switchedOn.Id}", new { segmentMembershipInspection = true })).StatusCode);

        var ids = await SendAsync(new GetSegmentMembershipInspectionOrganisationsQuery());

        Assert.Contains(on.Id, ids);
        Assert.Contains(switchedOn.Id, ids);
        Assert.DoesNotContain(off.Id, ids);
        Assert.Equal(ids.Order(), ids);
        Assert.False(await SendAsync(new GetSegmentMembershipInspectionQuery(off.Id)));
        Assert.False(await SendAsync(new GetSegmentMembershipInspectionQuery(999_999)));
    }

    [Fact]
    public async Task Invalid_flags_are_rejected_with_the_offending_field_named()
    {
        var organisation = await factory.CreateOrganisationAsync();
        using var client = factory.CreateBearerClient(organisation.ApiToken);
        var project = await client.CreateProjectAsync(organisation.Id);
        var flagsUrl = $"/api/v1/projects/{project.Id}/flags";
        await client.CreateFlagAsync(project.Id, "taken");

        async Task<Dictionary<string, string[]>> PostAsync(string json) =>
            await (await client.SendJsonAsync(HttpMethod.Post, flagsUrl, json)).AssertValidationProblemAsync();

        Assert.Equal(["variants[1].key"], (await PostAsync("""{"key":"f1","variants":[{"key":"ok"},{"key":"not ok"}]}""")).Keys);
        Assert.Equal(["variants[2].key"], (await PostAsync("""{"key":"f2","variants":[{"key":"a"},{"key":"b"},{"key":"a"}]}""")).Keys);
        Assert.Equal(["variants[0].key"], (await PostAsync("""{"key":"f3","variants":[{}]}""")).Keys);
        Assert.Equal(["variants[0]"], (await PostAsync("""{"key":"f4","variants":[null]}""")).Keys);
        var tooMany = string.Join(',', Enumerable.Range(0, 101).Select(i => $$"""{"key":"v{{i}}"}"""));
        Assert.Equal(["variants"], (await PostAsync($$"""{"key":"f5","variants":[{{tooMany}}]}""")).Keys);
        Assert.Equal(["key"], (await PostAsync("""{"variants":[]}""")).Keys);
        Assert.Equal(["key"], (await PostAsync("""{"key":"has space"}""")).Keys);
        Assert.Equal(["key"], (await PostAsync($$"""{"key":"{{new string('k', 101)}}"}""")).Keys);
        Assert.Equal(["description"], (await PostAsync($$"""{"key":"f6","description":"{{new string('d', 2001)}}"}""")).Keys);
        var duplicate = await PostAsync("""{"key":"taken","variants":[]}""");
        Assert.Contains("already", Assert.Single(duplicate["key"]), StringComparison.Ordinal);

        // None of the rejected flags exists.
        var flags = await SendAsync(new GetProjectFlagsQuery(project.Id));
        Assert.Equal(["taken"], flags.Select(f => f.Key));

        var flag = await client.CreateFlagAsync(project.Id, "patchable", "a");
        var url = $"{flagsUrl}/{flag.Id}";
        async Task<Dictionary<string, string[]>> PatchAsync(string json) =>
            await (await client.SendJsonAsync(HttpMethod.Patch, url, json)).AssertValidationProblemAsync();

        Assert.Equal(["enabled"], (await PatchAsync("""{"enabled":null}""")).Keys);
        Assert.Equal(["dataRecordsEnabled"], (await PatchAsync("""{"dataRecordsEnabled":null}""")).Keys);
        Assert.Equal(["description"], (await PatchAsync("""{"description":null}""")).Keys);
        Assert.Equal(["variants"], (await PatchAsync("""{"variants":null}""")).Keys);
        Assert.Equal(["variants[1].key"], (await PatchAsync("""{"variants":[{"key":"a"},{"key":"a"}]}""")).Keys);
        var unchanged = (await client.GetFromJsonAsync<FlagBody>(url))!;
        Assert.Equal(flag.Variants, unchanged.Variants);
        Assert.Equal(flag with { Variants = unchanged.Variants }, unchanged);
    }

    [Fact]
    public async Task Invalid_names_are_rejected()
    {
        var organisation = await factory.CreateOrganisationAsync();
        using var admin = factory.CreateAdminClient();

        Assert.Equal(["name"], (await (await admin.PostAsJsonAsync("/api/v1/organisations", new { name = " " })).AssertValidationProblemAsync()).Keys);
        Assert.Equal(["name"], (await (await admin.PostAsJsonAsync("/api/v1/projects", new { organisationId = organisation.Id, name = new string('p', 201) })).AssertValidationProblemAsync()).Keys);
        Assert.Equal(["organisationId"], (await (await admin.PostAsJsonAsync("/api/v1/projects", new { name = "No organisation" })).AssertValidationProblemAsync()).Keys);
        var project = await admin.CreateProjectAsync(organisation.Id);
        Assert.Equal(["name"], (await (await admin.PostAsJsonAsync($"/api/v1/projects/{project.Id}/environments", new { name = "" })).AssertValidationProblemAsync()).Keys);
    }

    [Fact]
    public async Task Missing_or_malformed_bodies_are_400_problems()
    {
        var organisation = await factory.CreateOrganisationAsync();
        using var admin = factory.CreateAdminClient();
        var project = await admin.CreateProjectAsync(organisation.Id);
        var flag = await admin.CreateFlagAsync(project.Id, "f");

        var posts = new[]
        {
            "/api/v1/organisations",
            "/api/v1/projects",
            $"/api/v1/projects/{project.Id}/environments",
            $"/api/v1/projects/{project.Id}/flags",
        };
        foreach (var url in posts)
        {
            Assert.Equal(["body"], (await (await admin.PostAsync(url, null)).AssertValidationProblemAsync()).Keys);
            Assert.Equal(["name"], (await (await admin.SendJsonAsync(HttpMethod.Post, url, "{\"name\": ")).AssertValidationProblemAsync()).Keys);
            Assert.Equal(["body"], (await (await admin.SendJsonAsync(HttpMethod.Post, url, "not json")).AssertValidationProblemAsync()).Keys);
        }

        var flagUrl = $"/api/v1/projects/{project.Id}/flags/{flag.Id}";
        Assert.Equal(["body"], (await (await admin.SendJsonAsync(HttpMethod.Patch, flagUrl, "null")).AssertValidationProblemAsync()).Keys);
        Assert.Equal(["enabled"], (await (await admin.SendJsonAsync(HttpMethod.Patch, flagUrl, """{"enabled":"yes"}""")).AssertValidationProblemAsync()).Keys);
        Assert.Equal(["variants"], (await (await admin.SendJsonAsync(HttpMethod.Patch, flagUrl, """{"variants":"all"}""")).AssertValidationProblemAsync()).Keys);
        Assert.Equal(["variants[0].key"], (await (await admin.SendJsonAsync(HttpMethod.Patch, flagUrl, """{"variants":[{"key":1}]}""")).AssertValidationProblemAsync()).Keys);
        Assert.Equal(["enabled"], (await (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{project.Id}/flags", """{"key":"k","enabled":3}""")).AssertValidationProblemAsync()).Keys);
        var unchanged = (await admin.GetFromJsonAsync<FlagBody>(flagUrl))!;
        Assert.Equal(flag.Variants, unchanged.Variants);
        Assert.Equal(flag with { Variants = unchanged.Variants }, unchanged);
        Assert.Equal(["body"], (await (await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/organisations/{organisation.Id}", "[1,2")).AssertValidationProblemAsync()).Keys);
    }

    [Fact]
    public async Task Non_numeric_or_out_of_range_ids_are_404()
    {
        using var admin = factory.CreateAdminClient();

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/projects/abc")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/projects/99999999999/environments")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/projects/1/flags/x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PatchAsJsonAsync("/api/v1/organisations/abc", new { name = "x" })).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_catalog_routes()
    {
        using var client = factory.CreateClient();
        var document = await (await client.GetAsync("/openapi/v1.json")).ReadJsonAsync();
        var paths = document.GetProperty("paths");

        Assert.True(paths.GetProperty("/api/v1/organisations").TryGetProperty("post", out var createOrganisation));
        Assert.Equal("CreateOrganisation", createOrganisation.GetProperty("operationId").GetString());
        Assert.True(createOrganisation.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(paths.GetProperty("/api/v1/organisations/{organisationId}").TryGetProperty("patch", out _));
        Assert.True(paths.GetProperty("/api/v1/projects").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/projects/{projectId}").TryGetProperty("get", out _));
        var environments = paths.GetProperty("/api/v1/projects/{projectId}/environments");
        Assert.True(environments.TryGetProperty("get", out _));
        Assert.True(environments.TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/projects/{projectId}/flags").TryGetProperty("post", out _));
        var flag = paths.GetProperty("/api/v1/projects/{projectId}/flags/{flagId}");
        foreach (var method in new[] { "get", "patch", "delete" })
        {
            Assert.True(flag.TryGetProperty(method, out _), method);
        }

        // Request bodies show the contract's fields as plain JSON types, optional ones not required.
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var patchFlag = schemas.GetProperty("PatchFlagRequest");
        Assert.False(patchFlag.TryGetProperty("required", out _));
        Assert.Equal(["description", "enabled", "dataRecordsEnabled", "variants"], patchFlag.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Contains("boolean", patchFlag.GetProperty("properties").GetProperty("enabled").GetProperty("type").EnumerateArray().Select(t => t.GetString()));
        var createFlagRequired = schemas.GetProperty("CreateFlagRequest").GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order();
        Assert.Equal(["key", "variants"], createFlagRequired);
        var flagProperties = schemas.GetProperty("FlagDto").GetProperty("properties").EnumerateObject().Select(p => p.Name);
        Assert.Equal(["id", "projectId", "key", "description", "enabled", "dataRecordsEnabled", "variants"], flagProperties);
    }

    private async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}

public sealed class SqliteCatalogApiTests(SqliteServiceFactory factory) : CatalogApiTests(factory), IClassFixture<SqliteServiceFactory>;

public sealed class PostgresCatalogApiTests(PostgresServiceFactory factory) : CatalogApiTests(factory), IClassFixture<PostgresServiceFactory>;
