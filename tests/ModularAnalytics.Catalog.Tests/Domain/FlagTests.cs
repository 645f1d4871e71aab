using ModularAnalytics.BuildingBlocks.Domain;
using ModularAnalytics.Modules.Catalog.Domain.Flags;

namespace ModularAnalytics.Catalog.Tests.Domain;

public sealed class FlagTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 13, 0, 0, DateTimeKind.Utc);

    private static Flag NewFlag(params string[] variants) =>
        Flag.Create(projectId: 7, "checkout", null, enabled: true, dataRecordsEnabled: false, variants, Now);

    [Fact]
    public void A_new_flag_has_the_given_variants_and_an_empty_description()
    {
        var flag = NewFlag("control", "treatment");

        Assert.Equal(7, flag.ProjectId);
        Assert.Equal(string.Empty, flag.Description);
        Assert.Equal(["control", "treatment"], flag.Variants.Select(v => v.Key));
        Assert.False(flag.IsDeleted);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("with space")]
    [InlineData("slash/key")]
    [InlineData("ünicode")]
    public void Flag_keys_are_restricted(string? key)
    {
        var error = Assert.Throws<DomainException>(() => Flag.Create(1, key, null, true, false, [], Now));
        Assert.Equal("key", error.Field);
    }

    [Fact]
    public void Allowed_key_characters_and_the_100_character_limit()
    {
        Assert.Equal("A-z_0.9", Flag.Create(1, "A-z_0.9", null, true, false, [], Now).Key);
        Assert.Equal(100, Flag.Create(1, new string('k', 100), null, true, false, [], Now).Key.Length);
        Assert.Throws<DomainException>(() => Flag.Create(1, new string('k', 101), null, true, false, [], Now));
    }

    [Fact]
    public void Variant_keys_must_be_valid_and_unique_and_the_error_names_the_element()
    {
        Assert.Equal("variants[1].key", Assert.Throws<DomainException>(() => NewFlag("a", "a")).Field);
        Assert.Equal("variants[2].key", Assert.Throws<DomainException>(() => NewFlag("a", "b", "c d")).Field);
        Assert.Equal("variants", Assert.Throws<DomainException>(() => NewFlag([.. Enumerable.Range(0, 101).Select(i => $"v{i}")])).Field);
        Assert.Equal(100, NewFlag([.. Enumerable.Range(0, 100).Select(i => $"v{i}")]).Variants.Count);
    }

    [Fact]
    public void Replacing_variants_keeps_the_ones_whose_key_stays()
    {
        var flag = NewFlag("control", "treatment");
        var control = flag.Variants[0];

        flag.ReplaceVariants(["holdout", "control"], Now.AddMinutes(1));

        Assert.Same(control, Assert.Single(flag.Variants, v => v.Key == "control"));
        Assert.DoesNotContain(flag.Variants, v => v.Key == "treatment");
        Assert.Contains(flag.Variants, v => v.Key == "holdout");
        Assert.Equal(2, flag.Variants.Count);
        Assert.Equal(Now.AddMinutes(1), flag.UpdatedAt);
    }

    [Fact]
    public void A_rejected_variant_list_leaves_the_variants_unchanged()
    {
        var flag = NewFlag("control");

        Assert.Throws<DomainException>(() => flag.ReplaceVariants(["a", "a"], Now));

        Assert.Equal(["control"], flag.Variants.Select(v => v.Key));
    }

    [Fact]
    public void A_deleted_flag_is_marked_and_can_no_longer_change()
    {
        var flag = NewFlag("control");
        var deletedAt = Now.AddHours(1);

        flag.Delete(deletedAt);

        Assert.True(flag.IsDeleted);
        Assert.Equal(deletedAt, flag.DeletedAt);
        Assert.Throws<DomainException>(() => flag.SetEnabled(false, Now));
        Assert.Throws<DomainException>(() => flag.Describe("x", Now));
        Assert.Throws<DomainException>(() => flag.Delete(Now));
        Assert.True(flag.Enabled);
    }

    [Fact]
    public void Descriptions_are_limited_and_never_null()
    {
        var flag = NewFlag();

        Assert.Equal("description", Assert.Throws<DomainException>(() => flag.Describe(null, Now)).Field);
        Assert.Equal("description", Assert.Throws<DomainException>(() => flag.Describe(new string('d', 2001), Now)).Field);
        flag.Describe("Rolls out the new checkout", Now);
        Assert.Equal("Rolls out the new checkout", flag.Description);
    }
}
