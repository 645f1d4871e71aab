using System.Text.Json.Nodes;
using ModularAnalytics.SegmentMembership.IntegrationTests.Support;
using ModularAnalytics.Testing;
using Xunit;

namespace ModularAnalytics.SegmentMembership.IntegrationTests;

public sealed class NdjsonSegmentServiceFactory : SegmentServiceFactory
{
    public NdjsonSegmentServiceFactory()
        : base(TestDatabase.Sqlite)
    {
        FilePath = Path.Combine(DataDirectory, "identities.ndjson");
        WithSetting("SegmentMembership:IdentitySource", "Ndjson");
        WithSetting("SegmentMembership:Ndjson:Path", FilePath);
    }

    public string FilePath { get; }
}

/// <summary>The second identity source: selected by configuration, one identity document per line.</summary>
public sealed class NdjsonSourceTests(NdjsonSegmentServiceFactory factory) : IClassFixture<NdjsonSegmentServiceFactory>
{
    [Fact]
    public async Task A_refresh_backfills_from_the_ndjson_file_of_the_environment()
    {
        var org = await factory.CreateOrganisationAsync(inspection: true);
        using var client = factory.CreateBearerClient(org.ApiToken);
        var project = await client.CreateProjectAsync(org.Id);
        var environment = await client.CreateEnvironmentAsync(project.Id, "Production");
        var other = await client.CreateEnvironmentAsync(project.Id, "Staging");
        await client.CreateSegmentAsync(project.Id, "pro", IdentityData.Segments[0].Rules);

        var identities = IdentityData.Identities(40, 0);
        var lines = identities.Select(i =>
        {
            var line = i!.DeepClone().AsObject();
            line["environmentKey"] = environment.Key;
            return line.ToJsonString();
        }).Append(new JsonObject { ["environmentId"] = other.Id, ["identifier"] = "elsewhere", ["traits"] = new JsonObject { ["plan"] = "pro" } }.ToJsonString());
        await File.WriteAllLinesAsync(factory.FilePath, lines);

        var before = DateTime.UtcNow;
        await client.RefreshAsync(project.Id);
        var segment = Assert.Single(await client.WaitForCountsAsync(project.Id, before));
        Assert.Equal(IdentityData.Expected(segment, identities, environment), segment.MembershipCounts.Single(c => c.Environment == environment.Id).Count);
        Assert.Equal(1, segment.MembershipCounts.Single(c => c.Environment == other.Id).Count);
    }
}
