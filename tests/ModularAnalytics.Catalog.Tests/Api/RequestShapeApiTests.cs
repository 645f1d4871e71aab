namespace ModularAnalytics.Catalog.Tests.Api;

/// <summary>Bad input on any Catalog route (names, bodies, ids) and the OpenAPI document; run once per relational provider.</summary>
public abstract class RequestShapeApiTests(ServiceFactory factory)
{
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
}

public sealed class SqliteRequestShapeApiTests(SqliteServiceFactory factory) : RequestShapeApiTests(factory), IClassFixture<SqliteServiceFactory>;

public sealed class PostgresRequestShapeApiTests(PostgresServiceFactory factory) : RequestShapeApiTests(factory), IClassFixture<PostgresServiceFactory>;
