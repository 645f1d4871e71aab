using System.Globalization;
using System.Numerics;
using ModularAnalytics.Modules.SegmentMembership.Domain.Prepared;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.SegmentMembership.Tests;

/// <summary>
/// The values prepared at write time: Flagsmith's string mapping and Python's <c>str()</c> (expected texts are
/// CPython 3's), and the keys whose byte order must be the order the evaluator uses.
/// </summary>
public sealed class PreparedValueTests
{
    [Theory]
    [InlineData("abc", PreparedKind.String, "abc")]
    [InlineData("007", PreparedKind.Integer, "7")]
    [InlineData("-0", PreparedKind.Integer, "0")]
    [InlineData("-007", PreparedKind.Integer, "-7")]
    [InlineData("99999999999999999999999", PreparedKind.Integer, "99999999999999999999999")]
    [InlineData("12.50", PreparedKind.Float, "12.5")]
    [InlineData("-0.0", PreparedKind.Float, "-0.0")]
    [InlineData("123456789.123456789", PreparedKind.Float, "123456789.12345679")]
    [InlineData("0.00001", PreparedKind.Float, "1e-05")]
    [InlineData("1e3", PreparedKind.String, "1e3")]
    [InlineData(" 12", PreparedKind.String, " 12")]
    [InlineData("1.", PreparedKind.String, "1.")]
    [InlineData(".5", PreparedKind.String, ".5")]
    [InlineData("١٢", PreparedKind.String, "١٢")]
    [InlineData("", PreparedKind.String, "")]
    [InlineData("True", PreparedKind.String, "True")]
    public void Strings_map_as_flagsmith_does_and_print_as_python(string text, PreparedKind kind, string python)
    {
        var value = PreparedValue.OfString(text);

        Assert.Equal(kind, value.Kind);
        Assert.Equal(python, value.Text);
        Assert.Equal(kind == PreparedKind.Integer, value.IntegerKey is not null);
        Assert.Equal(kind != PreparedKind.String, value.Number is not null);
    }

    [Fact]
    public void Json_values_keep_their_type_and_an_infinite_float_keeps_its_text()
    {
        Assert.Equal(new PreparedValue(PreparedKind.Boolean, "True", 1, null, null), PreparedValue.Of(TraitValue.FromBoolean(true)));
        Assert.Equal(new PreparedValue(PreparedKind.Float, "1.0", 1.0, null, null), PreparedValue.Of(TraitValue.FromFloat(1.0)));
        Assert.Equal("18446744073709551615", PreparedValue.Of(TraitValue.FromInteger((Int128)ulong.MaxValue))!.Value.Text);
        Assert.Null(PreparedValue.Of(TraitValue.Null));

        var infinite = PreparedValue.OfString("1" + new string('0', 400) + ".5");
        Assert.Equal((PreparedKind.Float, "inf", double.MaxValue), (infinite.Kind, infinite.Text, infinite.Number));
        var huge = PreparedValue.OfString("-1" + new string('0', 400));
        Assert.Equal((PreparedKind.Integer, (double?)null), (huge.Kind, huge.Number));
    }

    [Fact]
    public void Integer_keys_order_like_the_integers()
    {
        BigInteger[] values =
        [
            BigInteger.Parse("-" + new string((char)57, 40), CultureInfo.InvariantCulture), BigInteger.Parse("-18446744073709551617", CultureInfo.InvariantCulture), long.MinValue, -100, -99, -13, -12, -1, 0, 1, 9, 10,
            long.MaxValue, ulong.MaxValue, BigInteger.Parse("99999999999999999999999", CultureInfo.InvariantCulture),
        ];
        foreach (var a in values)
        {
            foreach (var b in values)
            {
                Assert.Equal(a.CompareTo(b), Math.Sign(string.CompareOrdinal(PreparedValue.IntegerKeyOf(a), PreparedValue.IntegerKeyOf(b))));
            }
        }
    }

    [Fact]
    public void Semver_keys_order_as_semver_compares_and_are_equal_exactly_when_versions_are()
    {
        string[] versions =
        [
            "0.0.0", "0.0.1", "0.1.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
            "1.0.0-rc.1", "1.0.0", "1.0.0+build.1", "1.0.0+other", "1.2.3-1", "1.2.3-a", "1.2.3-a-b", "1.2.3-a.1", "1.2.3-a.a", "1.2.3-0.a",
            "1.2.3-alpha.10", "1.2.3-alpha.9", "1.2.3", "1.2.3\n", "1.10.0", "2.0.0-rc.1", "10.0.0", "100.20.3", "9999999999999999999999.0.0",
        ];
        var parsed = versions.Select(v => SemanticVersion.TryParse(v, out var version) ? version : throw new InvalidOperationException(v)).ToList();
        foreach (var a in parsed)
        {
            foreach (var b in parsed)
            {
                Assert.Equal(Math.Sign(a.CompareTo(b)), Math.Sign(string.CompareOrdinal(PreparedValue.SemverKeyOf(a), PreparedValue.SemverKeyOf(b))));
            }
        }

        Assert.All(parsed, v => Assert.True(PreparedValue.SemverKeyOf(v).All(c => c is >= ' ' and <= '~')));
    }
}
