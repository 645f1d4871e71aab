using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;
using ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;
using ModularAnalytics.SegmentMembership.Tests.Support;
using ModularAnalytics.SegmentMembership.Tests.Support.Oracle;

namespace ModularAnalytics.SegmentMembership.Tests;

/// <summary>
/// REGEX and CONTAINS read a float trait as Python's str(): the compiled SQL must spell every float as CPython does,
/// including three-digit exponents and the edges where Python switches to scientific notation. Expected texts are
/// CPython 3's repr of each value.
/// </summary>
public sealed class FloatTextTests : WarehouseTest
{
    private static readonly EnvironmentContext Environment = new("env-key", "Env");

    private static readonly (double Value, string Python)[] Floats =
    [
        (1.0, "1.0"), (-0.0, "-0.0"), (1e16, "1e+16"), (1234567890123456.0, "1234567890123456.0"), (0.0001, "0.0001"),
        (0.00001, "1e-05"), (5e-324, "5e-324"), (0.1 + 0.2, "0.30000000000000004"), (1.5e300, "1.5e+300"), (1e100, "1e+100"),
        (1.7976931348623157e308, "1.7976931348623157e+308"), (-2.5e-300, "-2.5e-300"), (1e22, "1e+22"), (1e21, "1e+21"),
        (123456789012345678.0, "1.2345678901234568e+17"), (9.999999999999999e-05, "9.999999999999999e-05"), (-1e-07, "-1e-07"),
        (4.93433719366991e-50, "4.93433719366991e-50"), (-123.456, "-123.456"),
    ];

    [Fact]
    public async Task Each_float_trait_reads_as_pythons_repr_in_sql_and_in_the_evaluator()
    {
        var identities = Floats.Select((f, i) => new IdentityContext("f" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), null,
            new Dictionary<string, TraitValue> { ["x"] = TraitValue.FromFloat(f.Value) })).ToList();
        var segments = Floats.Select((f, i) => new SegmentToCompile("s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "k",
            [SegmentRule.All(new SegmentCondition("REGEX", "x", "^" + f.Python.Replace(".", "\\.", StringComparison.Ordinal).Replace("+", "\\+", StringComparison.Ordinal) + "$"))])).ToList();
        await Client.InsertAsync(IdentityWarehouseRows.Insert(), identities.Select(i => IdentityWarehouseRows.Row("floats", i, DateTime.UtcNow)));

        var rows = await Client.QueryAsync(MembershipQuery.Build("floats", Environment, segments));

        Assert.Equal(Floats.Length, rows.Count);
        var mismatches = new List<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(identities[i].Identifier, rows[i].GetString("identifier"));
            var members = rows[i].Get<int[]>("members")!;
            for (var s = 0; s < segments.Count; s++)
            {
                var expected = Floats[i].Python == Floats[s].Python;
                if ((members[s] == 1) != expected || SegmentEvaluator.Matches(segments[s].Key, segments[s].Rules, identities[i], Environment) != expected)
                {
                    mismatches.Add($"{Floats[i].Python} against /{Floats[s].Python}/: expected {expected}, SQL said {members[s] == 1}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
