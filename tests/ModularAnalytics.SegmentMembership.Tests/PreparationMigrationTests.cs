using System.Text.Json.Serialization;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;
using ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;
using ModularAnalytics.SegmentMembership.Tests.Support;
using ModularAnalytics.SegmentMembership.Tests.Support.Oracle;

namespace ModularAnalytics.SegmentMembership.Tests;

/// <summary>
/// Rows written before the prepared columns existed (with and without <c>traits_text</c>) are rewritten by the
/// migration's data step and then counted exactly as the evaluator decides; rows already prepared are left alone.
/// </summary>
public sealed class PreparationMigrationTests : WarehouseTest
{
    private static readonly EnvironmentContext Environment = new("env", "Env");

    private static readonly SegmentCondition[] Conditions =
    [
        new("EQUAL", "n", "7"), new("REGEX", "f", "^1\\.0$"), new("EQUAL", "a.b", "x"), new("GREATER_THAN", "v", "1.2.0:semver"),
        new("REGEX", "$.identity.identifier", "^42$"), new("MODULO", "n", "2|1"), new("IS_SET", "f", null), new("EQUAL", "$.identity.key", "k1"),
    ];

    [Fact]
    public async Task Old_rows_are_prepared_in_place_and_counted_like_the_evaluator()
    {
        var traits = new Dictionary<string, TraitValue>
        {
            ["n"] = TraitValue.FromString("007"), ["f"] = TraitValue.FromFloat(1.0), ["a.b"] = TraitValue.FromString("x"), ["v"] = TraitValue.FromString("1.2.3"),
        };
        var identities = new[]
        {
            new IdentityContext("with-text", null, traits),
            new IdentityContext("42", "k1", traits),
            new IdentityContext("already-prepared", null, traits),
        };
        var insertedAt = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc).AddTicks(1230);
        await Client.InsertAsync(new ClickHouseInsert(IdentityWarehouseRows.Table), [
            new OldRow("old", "with-text", "", Json("""{"n":"007","f":1.0,"a.b":"x","v":"1.2.3"}"""), """{"n":"007","f":1.0,"a.b":"x","v":"1.2.3"}""", insertedAt),
            new OldRow("old", "42", "k1", Json("""{"n":"007","f":1.0,"a.b":"x","v":"1.2.3"}"""), "", insertedAt),
        ]);
        await Client.InsertAsync(IdentityWarehouseRows.Insert(), [IdentityWarehouseRows.Row("old", identities[2], insertedAt)]);

        Assert.Equal(2, await StoredIdentityPreparation.RunAsync(Client, CancellationToken.None));
        Assert.Equal(0, await StoredIdentityPreparation.RunAsync(Client, CancellationToken.None));

        var segments = Conditions.Select((c, i) => new SegmentToCompile("s" + i, "key", [SegmentRule.All(c)])).ToList();
        var rows = await Client.QueryAsync(MembershipQuery.Build("old", Environment, segments));
        Assert.Equal(3, rows.Count);
        foreach (var row in rows)
        {
            var identity = identities.Single(i => i.Identifier == row.GetString("identifier"));
            var members = row.Get<int[]>("members")!;
            for (var s = 0; s < segments.Count; s++)
            {
                Assert.True(SegmentEvaluator.Matches(segments[s].Key, segments[s].Rules, identity, Environment) == (members[s] == 1),
                    $"{identity.Identifier}: {Conditions[s].Operator} {Conditions[s].Property} {Conditions[s].Value}");
            }
        }

        var kept = (await Client.QueryAsync("SELECT toString(inserted_at) AS at, count() AS n FROM identities FINAL GROUP BY at")).Single();
        Assert.Equal(("2026-11-01 12:00:00.000123", 3L), (kept.GetString("at"), kept.GetInt64("n")));
    }

    private static System.Text.Json.Nodes.JsonObject Json(string text) => System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject();

    private sealed record OldRow(
        [property: JsonPropertyName("environment_id")] string EnvironmentId,
        [property: JsonPropertyName("identifier")] string Identifier,
        [property: JsonPropertyName("identity_key")] string IdentityKey,
        [property: JsonPropertyName("traits")] System.Text.Json.Nodes.JsonObject Traits,
        [property: JsonPropertyName("traits_text")] string TraitsText,
        [property: JsonPropertyName("inserted_at")] DateTime InsertedAt);
}
