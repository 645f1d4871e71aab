using ModularAnalytics.BuildingBlocks.Domain;
using ModularAnalytics.Modules.Catalog.Domain.Common;
using ModularAnalytics.Modules.Catalog.Domain.Environments;
using ModularAnalytics.Modules.Catalog.Domain.Organisations;

namespace ModularAnalytics.Catalog.Tests.Domain;

public sealed class OrganisationTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 13, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Creating_an_organisation_keeps_only_the_hash_of_a_fresh_token()
    {
        var (organisation, token) = Organisation.Create("Acme", segmentMembershipInspection: false, Now);
        var (_, other) = Organisation.Create("Acme", segmentMembershipInspection: false, Now);

        Assert.Matches("^[0-9a-f]{64}$", token);
        Assert.NotEqual(token, other);
        Assert.NotEqual(token, organisation.ApiTokenHash);
        Assert.Equal(Secrets.Hash(token), organisation.ApiTokenHash);
        Assert.Equal(Now, organisation.CreatedAt);
        Assert.False(organisation.SegmentMembershipInspection);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_organisation_needs_a_name(string? name)
    {
        var error = Assert.Throws<DomainException>(() => Organisation.Create(name, false, Now));
        Assert.Equal("name", error.Field);
    }

    [Fact]
    public void Names_are_limited_to_200_characters()
    {
        var (organisation, _) = Organisation.Create(new string('a', 200), false, Now);

        Assert.Equal("name", Assert.Throws<DomainException>(() => organisation.Rename(new string('a', 201), Now)).Field);
        Assert.Equal(new string('a', 200), organisation.Name);
    }

    [Fact]
    public void Switching_segment_membership_inspection_stamps_the_update()
    {
        var (organisation, _) = Organisation.Create("Acme", false, Now);
        var later = Now.AddMinutes(5);

        organisation.SetSegmentMembershipInspection(true, later);

        Assert.True(organisation.SegmentMembershipInspection);
        Assert.Equal(later, organisation.UpdatedAt);
        Assert.Equal(Now, organisation.CreatedAt);
    }

    [Fact]
    public void Environments_get_distinct_random_keys()
    {
        var keys = Enumerable.Range(0, 50).Select(_ => ProjectEnvironment.Create(1, "Production", Now).Key).ToList();

        Assert.All(keys, k => Assert.Matches("^[0-9a-f]{64}$", k));
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }
}
