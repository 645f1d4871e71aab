using System.Diagnostics;

namespace ModularAnalytics.Catalog.Tests.Api;

/// <summary>With the relational store gone, Catalog routes answer 503 + Retry-After naming it, and recover by themselves.</summary>
public sealed class StoreOutageTests
{
    [Theory]
    [InlineData(TestDatabase.Postgres)]
    [InlineData(TestDatabase.Sqlite)]
    public async Task Routes_answer_503_with_retry_after_while_the_store_is_down_and_recover(TestDatabase database)
    {
        using var factory = new ServiceFactory(database);
        var organisation = await factory.CreateOrganisationAsync("Outage");
        using var admin = factory.CreateAdminClient();
        var project = await admin.CreateProjectAsync(organisation.Id);
        var flag = await admin.CreateFlagAsync(project.Id, "f", "on");
        using var owner = factory.CreateBearerClient(organisation.ApiToken);

        var calls = new (HttpClient Client, HttpMethod Method, string Url, object? Body)[]
        {
            (admin, HttpMethod.Post, "/api/v1/organisations", new { name = "During" }),
            (admin, HttpMethod.Patch, $"/api/v1/organisations/{organisation.Id}", new { name = "During" }),
            (admin, HttpMethod.Post, "/api/v1/projects", new { organisationId = organisation.Id, name = "During" }),
            (admin, HttpMethod.Get, $"/api/v1/projects/{project.Id}", null),
            (admin, HttpMethod.Get, $"/api/v1/projects/{project.Id}/environments", null),
            (admin, HttpMethod.Post, $"/api/v1/projects/{project.Id}/environments", new { name = "During" }),
            (admin, HttpMethod.Post, $"/api/v1/projects/{project.Id}/flags", new { key = "during", variants = Array.Empty<object>() }),
            (admin, HttpMethod.Get, $"/api/v1/projects/{project.Id}/flags/{flag.Id}", null),
            (admin, HttpMethod.Patch, $"/api/v1/projects/{project.Id}/flags/{flag.Id}", new { enabled = false }),
            (admin, HttpMethod.Delete, $"/api/v1/projects/{project.Id}/flags/{flag.Id}", null),
            // An organisation token is looked up in the store, so authentication itself meets the outage.
            (owner, HttpMethod.Get, $"/api/v1/projects/{project.Id}", null),
        };

        await using (await RelationalOutage.BeginAsync(factory))
        {
            foreach (var (client, method, url, body) in calls)
            {
                var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) });

                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{method} {url} answered {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{method} {url}: no Retry-After");
                var problem = await response.ReadJsonAsync();
                Assert.Equal(503, problem.GetProperty("status").GetInt32());
                var detail = problem.GetProperty("detail").GetString()!;
                Assert.Equal("The relational store is unavailable; retry later.", detail);
                var text = await response.Content.ReadAsStringAsync();
                foreach (var secret in new[] { "Npgsql", "Sqlite", "SQLite Error", "127.0.0.1", factory.DataDirectory, "55000", "at ModularAnalytics" })
                {
                    Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        // Recovery needs no restart: the next requests reach the store again (pooled connections may need one failure to be replaced).
        var clock = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50));
            status = (await admin.GetAsync($"/api/v1/projects/{project.Id}/flags/{flag.Id}")).StatusCode;
        }
        while (status == HttpStatusCode.ServiceUnavailable && clock.Elapsed < TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/projects/{project.Id}")).StatusCode);
        await admin.CreateFlagAsync(project.Id, "after");
    }
}
