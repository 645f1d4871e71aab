using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;
using ModularAnalytics.SegmentMembership.Tests.Support.Oracle;

namespace ModularAnalytics.SegmentMembership.Tests;

public sealed class EvaluatorTests
{
    private static readonly EnvironmentContext Environment = new("env", "Production");

    private static bool Matches(SegmentCondition condition, params (string Key, TraitValue Value)[] traits) =>
        SegmentEvaluator.Matches("seg", [SegmentRule.All(condition)],
            new IdentityContext("user-1", null, traits.ToDictionary(t => t.Key, t => t.Value)), Environment);

    [Theory]
    [InlineData("EQUAL", "007", true)] // "007" as a trait string maps to int 7
    [InlineData("EQUAL", " 7 ", true)] // int(" 7 ") is 7
    [InlineData("EQUAL", "7.0", false)] // int("7.0") raises
    [InlineData("GREATER_THAN", "1_0", false)]
    [InlineData("LESS_THAN", "1_0", true)]
    [InlineData("CONTAINS", "7", false)] // `in` on an int raises
    [InlineData("IN", "7,8", true)]
    [InlineData("IN", "007", false)] // the int is compared as str(7)
    public void String_traits_that_look_like_integers_compare_as_integers(string op, string value, bool expected) =>
        Assert.Equal(expected, Matches(new(op, "t", value), ("t", TraitValue.FromString("007"))));

    [Theory]
    [InlineData("EQUAL", "true", true)]
    [InlineData("EQUAL", "1", true)] // anything but "False"/"false" is True
    [InlineData("EQUAL", "False", false)]
    [InlineData("GREATER_THAN", "false", true)]
    [InlineData("IN", "True", false)] // booleans never match IN
    [InlineData("MODULO", "2|1", true)] // True % 2.0 == 1.0
    [InlineData("REGEX", "Tr", true)] // str(True)
    public void Boolean_traits(string op, string value, bool expected) =>
        Assert.Equal(expected, Matches(new(op, "t", value), ("t", TraitValue.FromBoolean(true))));

    [Theory]
    [InlineData("1.2.3-alpha", "LESS_THAN", "1.2.3:semver", true)]
    [InlineData("1.2.3-alpha.10", "GREATER_THAN", "1.2.3-alpha.9:semver", true)]
    [InlineData("1.2.3-alpha", "LESS_THAN", "1.2.3-alpha.1:semver", true)]
    [InlineData("1.2.3-1", "LESS_THAN", "1.2.3-alpha:semver", true)]
    [InlineData("1.2.3+b1", "EQUAL", "1.2.3+b2:semver", true)]
    [InlineData("1.10.0", "GREATER_THAN", "1.9.0:semver", true)]
    [InlineData("1.2.3\n", "EQUAL", "1.2.3:semver", true)]
    [InlineData("01.2.3", "NOT_EQUAL", "1.2.3:semver", false)]
    [InlineData("1.2.3-beta", "CONTAINS", "beta:semver", true)]
    public void Semver_comparisons(string trait, string op, string value, bool expected) =>
        Assert.Equal(expected, Matches(new(op, "v", value), ("v", TraitValue.FromString(trait))));

    [Fact]
    public void Modulo_follows_python_float_semantics()
    {
        Assert.True(Matches(new("MODULO", "n", "3|2"), ("n", TraitValue.FromInteger((Int128)(-1)))));
        Assert.True(Matches(new("MODULO", "n", "-3|-1"), ("n", TraitValue.FromInteger((Int128)5))));
        Assert.True(Matches(new("MODULO", "n", "3|1"), ("n", TraitValue.FromFloat(1e20)))); // exact fmod: 1e20 % 3.0 == 1.0 in Python
        Assert.False(Matches(new("MODULO", "n", "2|0"), ("n", TraitValue.FromString("abc"))));
        Assert.False(Matches(new("MODULO", "n", "0|0"), ("n", TraitValue.FromInteger((Int128)4))));
    }

    [Fact]
    public void Not_contains_and_not_equal_do_not_match_missing_traits()
    {
        Assert.False(Matches(new("NOT_CONTAINS", "missing", "x")));
        Assert.False(Matches(new("NOT_EQUAL", "missing", "x")));
        Assert.True(Matches(new("IS_NOT_SET", "missing", null)));
        Assert.True(Matches(new("IS_NOT_SET", "nulled", null), ("nulled", TraitValue.Null)));
    }

    [Fact]
    public void Percentage_split_hashes_segment_key_and_identity_key()
    {
        // Flagsmith's case test_percentage_split__no_identity_key: the enriched key "test_env_foobar" falls under 55%.
        Assert.Equal(51.99, SegmentEvaluator.HashedPercentage("12345,test_env_foobar"), 2);
        var rules = new[] { SegmentRule.All(new SegmentCondition("PERCENTAGE_SPLIT", "", "55")) };
        Assert.True(SegmentEvaluator.Matches("12345", rules, new IdentityContext("foobar", null, new Dictionary<string, TraitValue>()), new("test_env", "x")));
        Assert.False(SegmentEvaluator.Matches("12345", rules, null, new("test_env", "x")));
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1234567890123456.0, "1234567890123456.0")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(1.5e300, "1.5e+300")]
    public void Float_repr_matches_python(double value, string expected) => Assert.Equal(expected, PythonLiteral.FloatRepr(value));

    [Theory]
    [InlineData("^T.*", "True", true)]
    [InlineData(".*e$", "abce\n", true)]
    [InlineData("^.b", "😀b", true)]
    [InlineData("^..$", "😀", false)]
    [InlineData("b", "ab", false)] // re.match anchors at the start
    [InlineData("\\d+", "٣", true)] // Unicode digits, as Python's \d
    public void Regex_uses_re_match_semantics(string pattern, string trait, bool expected) =>
        Assert.Equal(expected, Matches(new("REGEX", "t", pattern), ("t", TraitValue.FromString(trait))));
}
