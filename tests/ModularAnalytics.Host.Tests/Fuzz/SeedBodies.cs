using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ModularAnalytics.Host.Tests.Fuzz;

/// <summary>
/// A plausible body for a route, to mutate from: the contract's own example where the test knows the route, else one
/// built from the body type's properties (so a route added later still gets bodies deep enough to reach its handler).
/// </summary>
internal static class SeedBodies
{
    public static JsonNode For(FuzzRoute route, FuzzIds ids) => Known(route, ids) ?? FromType(route.BodyType, 0) ?? new JsonObject();

    private static JsonNode? Known(FuzzRoute route, FuzzIds ids) => (route.Method, route.Pattern) switch
    {
        ("POST", "/api/v1/organisations") => JsonNode.Parse("""{"name":"Fuzz","segmentMembershipInspection":true}"""),
        ("PATCH", _) when route.Pattern.EndsWith("{organisationId:int}", StringComparison.Ordinal) => JsonNode.Parse("""{"name":"Fuzz","segmentMembershipInspection":true}"""),
        ("POST", "/api/v1/projects") => JsonNode.Parse($$"""{"organisationId":{{ids.OrganisationId}},"name":"Fuzz"}"""),
        ("POST", _) when route.Pattern.EndsWith("/environments", StringComparison.Ordinal) => JsonNode.Parse("""{"name":"Fuzz"}"""),
        ("POST", _) when route.Pattern.EndsWith("/flags", StringComparison.Ordinal) =>
            JsonNode.Parse("""{"key":"fuzz-flag","description":"d","enabled":true,"dataRecordsEnabled":true,"variants":[{"key":"on"},{"key":"off"}]}"""),
        ("PATCH", _) when route.Pattern.Contains("/flags/", StringComparison.Ordinal) =>
            JsonNode.Parse("""{"description":"d","enabled":false,"dataRecordsEnabled":true,"variants":[{"key":"on"}]}"""),
        ("POST" or "PUT", _) when route.Pattern.Contains("/segments", StringComparison.Ordinal) => JsonNode.Parse("""
            {"name":"Fuzz","key":"fuzz","description":"d","rules":[{"type":"ALL","conditions":[
              {"operator":"EQUAL","property":"plan","value":"pro"},
              {"operator":"REGEX","property":"$.identity.identifier","value":"^u[0-9]+$"},
              {"operator":"PERCENTAGE_SPLIT","property":"","value":"50"}],
             "rules":[{"type":"ANY","conditions":[{"operator":"IN","property":"country","value":"de,fr"},
              {"operator":"GREATER_THAN","property":"age","value":"1.2.3:semver"}],"rules":[]}]}]}
            """),
        ("POST", "/api/v1/identities/bulk") => JsonNode.Parse("""
            {"identities":[{"identifier":"u1","key":"k1","traits":{"plan":"pro","age":30,"beta":true,"gone":null}},{"identifier":"u2","traits":{}}]}
            """),
        ("POST", "/api/v1/evaluations") => JsonNode.Parse($$"""
            {"records":[{"flagID":{{ids.FlagId}},"flagKey":"fuzz","variantID":1,"variantKey":"on","segmentID":1,"entityID":"u1","timestamp":"{{DateTimeOffset.UtcNow.AddMinutes(-1):yyyy-MM-ddTHH:mm:ssZ}}","recordSource":"evaluation"}]}
            """),
        ("POST", "/api/v1/events") => JsonNode.Parse($$"""
            {"events":[{"event":"$flag_exposure","identifier":"u1","featureName":"fuzz","value":"on","timestamp":"{{DateTimeOffset.UtcNow.AddMinutes(-1):yyyy-MM-ddTHH:mm:ssZ}}"}]}
            """),
        ("POST", _) when route.Pattern.EndsWith("/experiments", StringComparison.Ordinal) => JsonNode.Parse($$"""
            {"name":"Fuzz","flagKey":"fuzz","environmentId":{{ids.EnvironmentId}},"variants":[{"key":"on","weight":1},{"key":"off","weight":1}],"startedAt":"2026-11-21T13:00:00Z"}
            """),
        _ => null,
    };

    private static JsonNode? FromType(Type? type, int depth)
    {
        if (type is null || depth > 4)
        {
            return null;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "fuzz";
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type.IsEnum)
        {
            return JsonNamingPolicy.CamelCase.ConvertName(Enum.GetNames(type)[0]);
        }

        if (type.IsPrimitive || type == typeof(decimal))
        {
            return 1;
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type == typeof(JsonElement) || type == typeof(object) || typeof(JsonNode).IsAssignableFrom(type))
        {
            return new JsonObject();
        }

        if (type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>)) is { } dictionary)
        {
            return new JsonObject { ["a"] = FromType(dictionary.GetGenericArguments()[1], depth + 1) };
        }

        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var element = type.IsArray ? type.GetElementType() : type.GetGenericArguments().FirstOrDefault();
            return new JsonArray(FromType(element, depth + 1));
        }

        var result = new JsonObject();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            result[name] = FromType(property.PropertyType, depth + 1);
        }

        return result;
    }
}
