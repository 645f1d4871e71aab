using ModularAnalytics.Modules.Catalog.Contracts;

namespace ModularAnalytics.Catalog.Tests.Api;

/// <summary>The Catalog's queries for other modules (Catalog.Contracts), sent through MediatR; run once per relational provider.</summary>
public abstract class CatalogContractTests(ServiceFactory factory)
{
    [Fact]
    public async Task Project_flags_for_other_modules_exclude_deleted_flags()
    {
        using var owned = await factory.CreateOwnedProjectAsync();
        var (organisation, project, client) = owned;
        var other = await client.CreateProjectAsync(organisation.Id, "Other");
        var kept = await client.CreateFlagAsync(project.Id, "kept", "a", "b");
        var deleted = await client.CreateFlagAsync(project.Id, "deleted");
        await client.CreateFlagAsync(other.Id, "elsewhere");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/projects/{project.Id}/flags/{deleted.Id}")).StatusCode);

        var flags = await factory.SendAsync(new GetProjectFlagsQuery(project.Id));

        var only = Assert.Single(flags);
        Assert.Equal(kept.Id, only.Id);
        Assert.True(only.Enabled);
        Assert.False(only.DataRecordsEnabled);
        Assert.Equal(kept.Variants.Select(v => (v.Id, v.Key)), only.Variants.Select(v => (v.Id, v.Key)));
        Assert.Equal(new ProjectInfo(project.Id, organisation.Id, project.Name), await factory.SendAsync(new GetProjectQuery(project.Id)));
        Assert.Null(await factory.SendAsync(new GetProjectQuery(999_999)));
        Assert.Equal([project.Id, other.Id], (await factory.SendAsync(new GetOrganisationProjectsQuery(organisation.Id))).Select(p => p.Id));
    }

    [Fact]
    public async Task Organisations_with_segment_membership_inspection_are_listed_for_jobs()
    {
        var on = await factory.CreateOrganisationAsync("On", inspection: true);
        var off = await factory.CreateOrganisationAsync("Off");
        var switchedOn = await factory.CreateOrganisationAsync("Switched on");
        using var admin = factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/v1/organisations/{switchedOn.Id}", new { segmentMembershipInspection = true })).StatusCode);

        var ids = await factory.SendAsync(new GetSegmentMembershipInspectionOrganisationsQuery());

        Assert.Contains(on.Id, ids);
        Assert.Contains(switchedOn.Id, ids);
        Assert.DoesNotContain(off.Id, ids);
        Assert.Equal(ids.Order(), ids);
        Assert.False(await factory.SendAsync(new GetSegmentMembershipInspectionQuery(off.Id)));
        Assert.False(await factory.SendAsync(new GetSegmentMembershipInspectionQuery(999_999)));
    }
}

public sealed class SqliteCatalogContractTests(SqliteServiceFactory factory) : CatalogContractTests(factory), IClassFixture<SqliteServiceFactory>;

public sealed class PostgresCatalogContractTests(PostgresServiceFactory factory) : CatalogContractTests(factory), IClassFixture<PostgresServiceFactory>;
