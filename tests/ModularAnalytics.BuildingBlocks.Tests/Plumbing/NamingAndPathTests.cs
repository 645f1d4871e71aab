using ModularAnalytics.BuildingBlocks.Application.Configuration;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;

namespace ModularAnalytics.BuildingBlocks.Tests.Plumbing;

public sealed class NamingAndPathTests
{
    [Theory]
    [InlineData("Id", "id")]
    [InlineData("FlagKey", "flag_key")]
    [InlineData("ProjectID", "project_id")]
    [InlineData("HTTPRequest", "http_request")]
    [InlineData("Variant2Key", "variant2_key")]
    [InlineData("already_snake", "already_snake")]
    [InlineData("Segment_Members", "segment_members")]
    [InlineData("URL", "url")]
    public void ToSnakeCase_splits_words_and_acronyms(string name, string expected) =>
        Assert.Equal(expected, ModuleDbContext.ToSnakeCase(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_unset_data_directory_is_data_under_the_working_directory(string? configured) =>
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "data"), StoragePaths.ResolveDataDirectory(configured));

    [Fact]
    public void A_relative_data_directory_resolves_against_the_working_directory() =>
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "state", "db"), StoragePaths.ResolveDataDirectory("state/db"));

    [Fact]
    public void An_absolute_data_directory_is_kept()
    {
        var absolute = Path.Combine(Path.GetTempPath(), "modularanalytics-data");
        Assert.Equal(absolute, StoragePaths.ResolveDataDirectory(absolute));
    }
}
