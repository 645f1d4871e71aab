using ModularAnalytics.Modules.Catalog.Contracts;

namespace ModularAnalytics.Catalog.Tests.Api;

/// <summary>Environments and their ingestion keys; run once per relational provider.</summary>
public abstract class EnvironmentApiTests(ServiceFactory factory)
{
    [Fact]
    public async Task Environments_get_unique_ingestion_keys()
    {
        using var owned = await factory.CreateOwnedProjectAsync();
        var (organisation, project, client) = owned;

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

        var environments = await factory.SendAsync(new GetProjectEnvironmentsQuery(project.Id));
        Assert.Equal(
            [
                new EnvironmentInfo(production.Id, project.Id, organisation.Id, "Production", production.Key),
                new EnvironmentInfo(staging.Id, project.Id, organisation.Id, "Staging", staging.Key),
            ],
            environments);
    }
}

public sealed class SqliteEnvironmentApiTests(SqliteServiceFactory factory) : EnvironmentApiTests(factory), IClassFixture<SqliteServiceFactory>;

public sealed class PostgresEnvironmentApiTests(PostgresServiceFactory factory) : EnvironmentApiTests(factory), IClassFixture<PostgresServiceFactory>;
