using System.Text.Json;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.Modules.SegmentMembership.Application.Identities;
using ModularAnalytics.Modules.SegmentMembership.Application.Identities.BulkUpsertIdentities;
using ModularAnalytics.Modules.SegmentMembership.Application.Members.GetSegmentMembers;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments.CreateSegment;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments.ReplaceSegment;
using ModularAnalytics.Modules.SegmentMembership.Domain.Identities;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;
using Xunit;

namespace ModularAnalytics.SegmentMembership.IntegrationTests;

/// <summary>Unit tests: the segment validator is wired to the rule parser/validator; identity batches are checked whole.</summary>
public sealed class ValidationTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void Segment_rule_errors_are_keyed_by_their_path()
    {
        var rules = Json("""[{"type": "ALL", "conditions": [{"operator": "EQUAL", "property": "a", "value": "1"}, {"operator": "NOPE", "property": "b", "value": "x"}, {"operator": "REGEX", "property": "c", "value": "(unclosed"}]}]""");
        var result = new CreateSegmentValidator().Validate(new CreateSegmentCommand(1, "s", null, null, rules));

        Assert.False(result.IsValid);
        var paths = result.Errors.Select(e => e.PropertyName).ToHashSet();
        Assert.Contains("rules[0].conditions[1].operator", paths);
        Assert.Contains("rules[0].conditions[2].value", paths);
        Assert.DoesNotContain("rules[0].conditions[0].value", paths);
    }

    [Fact]
    public void Values_flagsmith_evaluates_as_never_matching_are_accepted_others_refused()
    {
        var lenient = Json("""[{"type": "ALL", "conditions": [{"operator": "MODULO", "property": "a", "value": "x|y"}, {"operator": "PERCENTAGE_SPLIT", "property": "", "value": "lots"}], "rules": [{"type": "ANY", "conditions": [{"operator": "EQUAL", "property": "v", "value": "1.x:semver"}]}]}]""");
        Assert.True(new CreateSegmentValidator().Validate(new CreateSegmentCommand(1, "s", null, null, lenient)).IsValid);

        var strict = Json("""[{"type": "ALL", "conditions": [], "rules": [{"type": "ANY", "conditions": [{"operator": "EQUAL", "property": "a", "value": "1"}, {"operator": "REGEX", "property": "a", "value": "(?=x)"}]}]}]""");
        Assert.Equal(["rules[0].rules[0].conditions[1].value"], new CreateSegmentValidator().Validate(new CreateSegmentCommand(1, "s", null, null, strict)).Errors.Select(e => e.PropertyName));
    }

    [Fact]
    public void Segment_needs_a_name_and_rules_and_bounded_fields()
    {
        var result = new ReplaceSegmentValidator().Validate(new ReplaceSegmentCommand(1, 2, "", new string('k', 1001), new string('d', 2001), null));
        var paths = result.Errors.Select(e => e.PropertyName).ToHashSet();
        Assert.Equal(["description", "key", "name", "rules"], paths.Order(StringComparer.Ordinal));
        Assert.True(new CreateSegmentValidator().Validate(new CreateSegmentCommand(1, "ok", null, null, Json("[]"))).IsValid);
    }

    [Fact]
    public void Identity_batch_errors_name_the_identity_and_trait()
    {
        var command = new BulkUpsertIdentitiesCommand(
        [
            new IdentityInput("ok", null, new Dictionary<string, JsonElement> { ["Plan"] = Json("\"pro\""), ["n"] = Json("null") }),
            new IdentityInput("", null, null),
            new IdentityInput("nested", null, new Dictionary<string, JsonElement> { ["Obj"] = Json("{\"a\": 1}"), ["arr"] = Json("[1]") }),
            new IdentityInput("long", null, new Dictionary<string, JsonElement> { [new string('k', 201)] = Json("1"), ["v"] = Json(JsonSerializer.Serialize(new string('v', 2001))) }),
            new IdentityInput("huge", null, new Dictionary<string, JsonElement> { ["big"] = Json("1e999") }),
        ]);

        var errors = Assert.Throws<RequestValidationException>(() => IdentityBatchValidation.Validate(command, 7, DateTime.UtcNow)).Errors;

        Assert.Equal(
            new[] { "identities[1].identifier", "identities[2].traits.Obj", "identities[2].traits.arr", $"identities[3].traits.{new string('k', 201)}", "identities[3].traits.v", "identities[4].traits.big" }.Order(StringComparer.Ordinal),
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Identity_batch_limits_the_count_and_keeps_the_last_copy_of_an_identifier()
    {
        var tooMany = new BulkUpsertIdentitiesCommand([.. Enumerable.Range(0, IdentityLimits.MaxIdentitiesPerCall + 1).Select(i => (IdentityInput?)new IdentityInput("u" + i, null, null))]);
        Assert.Contains("identities", Assert.Throws<RequestValidationException>(() => IdentityBatchValidation.Validate(tooMany, 1, DateTime.UtcNow)).Errors.Keys);

        var stored = IdentityBatchValidation.Validate(new BulkUpsertIdentitiesCommand(
        [
            new IdentityInput("a", "k1", new Dictionary<string, JsonElement> { ["x"] = Json("1"), ["gone"] = Json("null") }),
            new IdentityInput("a", null, new Dictionary<string, JsonElement> { ["x"] = Json("1.0"), ["y"] = Json("true") }),
        ]), 1, DateTime.UtcNow);

        var identity = Assert.Single(stored);
        Assert.Null(identity.Key);
        var traits = IdentityTraits.Parse(identity.TraitsJson);
        Assert.Equal(TraitValueKind.Float, traits["x"].Kind);
        Assert.Equal(TraitValueKind.Boolean, traits["y"].Kind);
        Assert.False(traits.ContainsKey("gone"));
    }

    [Fact]
    public void Traits_round_trip_with_their_kinds()
    {
        var traits = new Dictionary<string, TraitValue>
        {
            ["s"] = TraitValue.FromString("2020-01-01"),
            ["i"] = TraitValue.FromInteger(42),
            ["f"] = TraitValue.FromFloat(3),
            ["b"] = TraitValue.FromBoolean(false),
        };
        Assert.Equal(traits, IdentityTraits.Parse(IdentityTraits.Serialize(traits)));
    }

    [Fact]
    public void Members_query_validates_limit_environment_and_cursor()
    {
        var validator = new GetSegmentMembersValidator();
        Assert.True(validator.Validate(new GetSegmentMembersQuery(1, 1, 3, 1000, MembersCursor.Encode("user-9"))).IsValid);
        var paths = validator.Validate(new GetSegmentMembersQuery(1, 1, null, 1001, "%%%")).Errors.Select(e => e.PropertyName).ToHashSet();
        Assert.Equal(["cursor", "environmentId", "limit"], paths.Order(StringComparer.Ordinal));
        Assert.False(validator.Validate(new GetSegmentMembersQuery(1, 1, 3, 0, null)).IsValid);
        Assert.True(MembersCursor.TryDecode(MembersCursor.Encode("ü/+="), out var back) && back == "ü/+=");
    }
}
