using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.Modules.SegmentMembership.Application.Refresh.RunSegmentMembershipBackfill;
using ModularAnalytics.SegmentMembership.IntegrationTests.Support;
using ModularAnalytics.Testing;
using Xunit;

namespace ModularAnalytics.SegmentMembership.IntegrationTests;

/// <summary>With Warehouse:Mode Disabled segments and identities still work; counting is a logged no-op.</summary>
public sealed class WarehouseDisabledTests(SqliteServiceFactory factory) : IClassFixture<SqliteServiceFactory>
{
    [Fact]
    public async Task Refresh_and_backfill_are_no_ops_and_members_answer_503()
    {
        var org = await factory.CreateOrganisationAsync(inspection: true);
        using var client = factory.CreateBearerClient(org.ApiToken);
        var project = await client.CreateProjectAsync(org.Id);
        var environment = await client.CreateEnvironmentAsync(project.Id, "Production");
        var segment = await client.CreateSegmentAsync(project.Id, "pro", IdentityData.Segments[0].Rules);
        await factory.PostIdentitiesAsync(environment.Key, IdentityData.Identities(5, 0));

        await client.RefreshAsync(project.Id);
        var store = factory.Store();
        var sql = $"SELECT last_outcome FROM {store.QualifiedTable("segment_membership", "refresh_states")} WHERE project_id = @p";
        await SegmentHttp.EventuallyAsync(async () => (await store.QueryAsync(sql, ("@p", project.Id))).FirstOrDefault(r => (string?)r[0] == "skipped"), "a skipped refresh");

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(new RunSegmentMembershipBackfillCommand());
        }

        var listed = Assert.Single(await client.ListSegmentsAsync(project.Id));
        Assert.Empty(listed.MembershipCounts);
        Assert.Equal("disabled", listed.MembershipStatus.State);
        Assert.Contains("warehouse is disabled", listed.MembershipStatus.Reason, StringComparison.Ordinal);
        var members = await client.GetAsync($"/api/v1/projects/{project.Id}/segments/{segment.Id}/members?environmentId={environment.Id}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, members.StatusCode);
    }
}
