using System.Security.Cryptography;
using System.Text;
using ModularAnalytics.Modules.Catalog.Contracts;

namespace ModularAnalytics.Catalog.Tests.Api;

/// <summary>Organisations: created with a one-time token, listed and patched by the admin; run once per relational provider.</summary>
public abstract class OrganisationApiTests(ServiceFactory factory)
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
        Assert.True(await factory.SendAsync(new GetSegmentMembershipInspectionQuery(organisation.Id)));

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
}

public sealed class SqliteOrganisationApiTests(SqliteServiceFactory factory) : OrganisationApiTests(factory), IClassFixture<SqliteServiceFactory>;

public sealed class PostgresOrganisationApiTests(PostgresServiceFactory factory) : OrganisationApiTests(factory), IClassFixture<PostgresServiceFactory>;
