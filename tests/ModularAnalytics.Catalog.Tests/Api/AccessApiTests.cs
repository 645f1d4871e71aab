namespace ModularAnalytics.Catalog.Tests.Api;

/// <summary>Who may call what: organisation tokens see only their own resources, bad credentials get 401; run once per relational provider.</summary>
public abstract class AccessApiTests(ServiceFactory factory)
{
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
}

public sealed class SqliteAccessApiTests(SqliteServiceFactory factory) : AccessApiTests(factory), IClassFixture<SqliteServiceFactory>;

public sealed class PostgresAccessApiTests(PostgresServiceFactory factory) : AccessApiTests(factory), IClassFixture<PostgresServiceFactory>;
