using System.Globalization;
using System.Numerics;
using System.Text.Json;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;
using ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;
using ModularAnalytics.SegmentMembership.Tests.Support;
using ModularAnalytics.SegmentMembership.Tests.Support.Oracle;
using Xunit.Abstractions;

namespace ModularAnalytics.SegmentMembership.Tests;

/// <summary>
/// Random rule trees against random identities (fixed seed): the compiled SQL on chDB and the in-memory evaluator must
/// agree on every pair. Value spaces are not narrowed to hide differences; the only generator limits are structural
/// (trait values are JSON scalars; strings are valid Unicode — a lone surrogate cannot be stored as UTF-8).
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output) : WarehouseTest
{
    private const int Seed = 20261121;
    private const int SegmentCount = 200;
    private const int IdentityCount = 500;
    private const int SegmentsPerQuery = 10;

    private static readonly EnvironmentContext Environment = new("env_Key-1", "Production 1.2.3");

    private static readonly string[] TraitKeys =
        ["a", "b", "n", "f", "s", "v", "flag", "a.b", "$.x", "k`q'\"", "ünï", " sp", "0", "$.identity.traits.a"];

    private static readonly string[] Properties =
    [
        .. TraitKeys, "$.identity.identifier", "$.identity.key", "$.environment.name", "$.environment.key",
        "$.identity.traits.a", "$.identity.traits['a.b']", "$.identity.traits[\"n\"]", "$.identity", "$.nowhere.at.all", "missing",
    ];

    private static readonly string[] Strings =
    [
        "", "'", "\"", "\\", "`", "%", "_", "a%b_c", "\0", "a\0b", "\t", "\n", "a\nb", "x\r\n", "ü", "é", "😀", "😀b", "日本",
        "007", "1e3", " 12", "12 ", "-0", "0", "-7", "12.50", "-0.0", "1.0", "0.1", "99999999999999999999999", "-18446744073709551617",
        "1.2.3", "1.2.3-beta.1", "1.2.3-alpha", "1.2.3-alpha.10", "1.2.3-alpha.9", "1.2.3+build.5", "1.10.0", "2.0.0-rc.1", "1.2.3\n",
        "01.2.3", "1.2", "True", "true", "False", "false", "None", "abc", "Abc", "abcd", "a,b", "[a]", "[\"a\",1]", "a|b", "5|1",
        "') OR 1=1 --", "{p0:String}", "Production 1.2.3", "env_Key-1", "1.5", "123456789.123456789", "inf", "nan", "1_000",
    ];

    private static readonly string[] Patterns =
    [
        "a", "^a.*", "[0-9]+$", "T.*", ".*b", "(?:ab|cd)+", "[^a]", "1\\.5", "😀", ".$", "a{2,3}", "[a-f0-9]*$", "\\n", "",
        "Tr|Fa", "\\d+", "\\d*[13579]$", "-?[0-9]+\\.[0-9]+e[+-][0-9]+", "[\\\\'\"`]", "..", "(a|)b", "[é-ü]", ".*\\.0$", "0\\.",
        "\\w+", "(?i)pro", "a\\sb", "[\\d]+", "\\D+", "\\S+\\s\\S+", "(?s)a.b", "\\W", "(?i)[a-z]+$", "(?i)ü", "(?m).*$\\n^b", "[^\\W\\d]",
    ];

    private static readonly string[] ModuloValues =
        ["2|0", "2|1", "3|1", "0.5|0", "-3|-1", "2.5|0.5", "1e20|1", "inf|5", "x|1", "2|", "7|-0", "0.1|0.09999999999999998", "10|3", "1|0", "3|-2", "1e-300|0"];

    [Fact]
    public async Task Compiled_sql_and_evaluator_agree_on_random_segments_and_identities()
    {
        var random = new Random(Seed);
        var identities = Enumerable.Range(0, IdentityCount).Select(i => RandomIdentity(random, i)).ToList();
        var segments = Enumerable.Range(0, SegmentCount)
            .Select(i => new SegmentToCompile("s" + i.ToString(CultureInfo.InvariantCulture), RandomKey(random), RandomRules(random)))
            .ToList();

        var insertedAt = DateTime.UtcNow;
        await Client.InsertAsync(IdentityWarehouseRows.Insert(), identities.Select(i => IdentityWarehouseRows.Row("diff", i, insertedAt)));
        var byIdentifier = identities.ToDictionary(i => i.Identifier, StringComparer.Ordinal);

        // Both ways the refresh can compile: every type considered, and only the types the environment's traits hold.
        var types = (await Client.QueryAsync("SELECT path, groupUniqArray(type) AS types FROM identity_trait_types WHERE environment_id = 'diff' GROUP BY path"))
            .ToDictionary(r => r.GetString("path")!, r => (IReadOnlySet<string>)r.Get<string[]>("types")!.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.NotEmpty(types);
        long pairs = 0;
        var disagreements = new List<string>();
        foreach (var (batch, typed) in segments.Chunk(SegmentsPerQuery).SelectMany(b => new[] { (b, false), (b, true) }))
        {
            var result = await Client.QueryAsync(MembershipQuery.Build("diff", Environment, batch, traitTypes: typed ? types : null));
            Assert.Equal(IdentityCount, result.Count);
            foreach (var row in result)
            {
                var identity = byIdentifier[row.GetString("identifier")!];
                var members = row.Get<int[]>("members")!;
                for (var s = 0; s < batch.Length; s++)
                {
                    pairs++;
                    var expected = SegmentEvaluator.Matches(batch[s].Key, batch[s].Rules, identity, Environment);
                    if (expected != (members[s] == 1))
                    {
                        disagreements.Add((typed ? "typed: " : "untyped: ") + Describe(batch[s], identity, expected, members[s] == 1));
                    }
                }
            }
        }

        output.WriteLine($"Differential: {segments.Count} segments x {identities.Count} identities x 2 compilations = {pairs} pairs, {disagreements.Count} disagreements.");
        Assert.Equal(2L * SegmentCount * IdentityCount, pairs);
        Assert.True(disagreements.Count == 0,
            $"{disagreements.Count} disagreements; smallest:\n" + string.Join("\n\n", disagreements.OrderBy(d => d.Length).Take(3)));
    }

    private static string Describe(SegmentToCompile segment, IdentityContext identity, bool evaluator, bool sql) =>
        $"evaluator={evaluator} sql={sql}\nsegment key {JsonSerializer.Serialize(segment.Key)} rules {JsonSerializer.Serialize(segment.Rules)}\n" +
        $"identity {JsonSerializer.Serialize(identity.Identifier)} key {JsonSerializer.Serialize(identity.Key)} traits " +
        string.Join(", ", identity.Traits.Select(t => $"{JsonSerializer.Serialize(t.Key)}: {t.Value}"));

    private static string RandomKey(Random random) => random.Next(4) switch
    {
        0 => random.Next(100000).ToString(CultureInfo.InvariantCulture),
        1 => Pick(random, Strings),
        _ => "seg-" + random.Next(1000).ToString(CultureInfo.InvariantCulture),
    };

    private static List<SegmentRule> RandomRules(Random random) =>
        Enumerable.Range(0, random.Next(1, 3)).Select(_ => RandomRule(random, 0)).ToList();

    private static SegmentRule RandomRule(Random random, int depth)
    {
        var type = (SegmentRuleType)random.Next(3);
        var conditions = Enumerable.Range(0, random.Next(depth == 0 ? 0 : 1, 4)).Select(_ => RandomCondition(random)).ToList();
        var rules = depth < 3 && random.Next(3) == 0
            ? Enumerable.Range(0, random.Next(1, 3)).Select(_ => RandomRule(random, depth + 1)).ToList()
            : [];
        return new SegmentRule(type, conditions, rules);
    }

    private static SegmentCondition RandomCondition(Random random)
    {
        var op = Pick(random, SegmentOperators.Names.ToArray());
        var property = op == "PERCENTAGE_SPLIT" && random.Next(3) == 0 ? string.Empty : Pick(random, Properties);
        switch (op)
        {
            case "IS_SET" or "IS_NOT_SET":
                return new(op, property, random.Next(2) == 0 ? null : "");
            case "MODULO":
                return new(op, property, Pick(random, ModuloValues));
            case "REGEX":
                return new(op, property, Pick(random, Patterns));
            case "PERCENTAGE_SPLIT":
                return new(op, property, Pick(random, ["0", "10", "50", "99.9", "100", "33.3", "x", "5e1"]));
            case "IN":
                var items = Enumerable.Range(0, random.Next(0, 4)).Select(_ => ValueText(random)).ToList();
                return random.Next(3) switch
                {
                    0 => new(op, property, null, items),
                    1 => new(op, property, JsonSerializer.Serialize(items)),
                    _ => new(op, property, string.Join(",", items)),
                };
            default:
                var value = ValueText(random);
                if (random.Next(5) == 0)
                {
                    value = Pick(random, ["1.2.3", "1.2.3-alpha", "1.2.3-alpha.9", "2.0.0-rc.1", "1.10.0", "0.0.1", "1.2", "beta.1", "build.5"]) + ":semver";
                }

                return new(op, property, value);
        }
    }

    private static string ValueText(Random random) => random.Next(4) switch
    {
        0 => random.Next(-20, 20).ToString(CultureInfo.InvariantCulture),
        1 => PythonLiteral.FloatRepr(RandomDouble(random)),
        _ => Pick(random, Strings),
    };

    private static IdentityContext RandomIdentity(Random random, int index)
    {
        var identifier = index.ToString(CultureInfo.InvariantCulture) + (random.Next(3) == 0 ? "~" + Pick(random, Strings) : string.Empty);
        if (random.Next(8) == 0)
        {
            identifier = (100_000 + index).ToString(CultureInfo.InvariantCulture);
        }

        var key = random.Next(3) switch
        {
            0 => null,
            1 => "k" + index.ToString(CultureInfo.InvariantCulture) + Pick(random, Strings),
            _ => (1000 + index).ToString(CultureInfo.InvariantCulture),
        };
        var traits = new Dictionary<string, TraitValue>(StringComparer.Ordinal);
        foreach (var traitKey in TraitKeys)
        {
            if (random.Next(3) == 0)
            {
                traits[traitKey] = RandomTrait(random);
            }
        }

        return new IdentityContext(identifier, key, traits);
    }

    private static TraitValue RandomTrait(Random random) => random.Next(9) switch
    {
        0 => TraitValue.Null,
        1 => TraitValue.FromBoolean(random.Next(2) == 0),
        2 => TraitValue.FromInteger((Int128)random.Next(-20, 20)),
        3 => TraitValue.FromInteger(Pick(random, [BigInteger.Parse("9223372036854775807", CultureInfo.InvariantCulture),
            BigInteger.Parse("-9223372036854775808", CultureInfo.InvariantCulture), BigInteger.Parse("18446744073709551615", CultureInfo.InvariantCulture),
            BigInteger.Parse("18446744073709551616", CultureInfo.InvariantCulture), BigInteger.Parse("-9223372036854775809", CultureInfo.InvariantCulture),
            BigInteger.Parse("123456789012345678901234567890", CultureInfo.InvariantCulture), new BigInteger(random.NextInt64())])),
        4 or 5 => TraitValue.FromFloat(RandomDouble(random)),
        _ => TraitValue.FromString(random.Next(4) == 0 ? RandomString(random) : Pick(random, Strings)),
    };

    private static double RandomDouble(Random random)
    {
        var special = new[] { 0.0, -0.0, 1.0, 0.1, 1e16, 1e-5, 1e-4, 5e-324, 1.7976931348623157e308, 2.5, -3.75, 1e22, 9007199254740993.0, 123.456, 1e15, 12.5, -7.0, 3.0 };
        if (random.Next(2) == 0)
        {
            return Pick(random, special);
        }

        double d;
        do
        {
            d = BitConverter.Int64BitsToDouble(random.NextInt64());
        }
        while (!double.IsFinite(d));
        return random.Next(2) == 0 ? d : Math.Round(random.NextDouble() * 200 - 100, random.Next(0, 4));
    }

    private static string RandomString(Random random)
    {
        var alphabet = "aAb01.-_%'\"\\`\t\n\0 ,|é😀".EnumerateRunes().ToArray();
        return string.Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => alphabet[random.Next(alphabet.Length)].ToString()));
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
