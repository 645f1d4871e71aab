using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ModularAnalytics.Host.Tests.Fuzz;

/// <summary>One request to send: raw body bytes (possibly not UTF-8, possibly not JSON) and a query string.</summary>
internal sealed record FuzzRequest(string Path, string Query, byte[]? Body, string ContentType, string Mutation);

/// <summary>Seeded mutations of a seed body and of query values: the same seed gives the same requests.</summary>
internal sealed class Mutator(Random random)
{
    private const string Placeholder = "\"__fuzz_placeholder__\"";

    // Raw JSON fragments put in place of one value of a valid body. Some are not UTF-8 on purpose.
    private static readonly byte[][] Fragments =
    [
        .. new[]
        {
            "null", "\"\"", "-1", "0", "2147483648", "-2147483649", "9223372036854775808", "1e308", "-1e308", "1.5", "true", "false",
            "[]", "{}", "[null]", "[null,null]", "{\"a\":null}", "\"\\ud800\"", "\"a\\udc00b\"", "\"\\u0000\"", "\"\\u001f\\n\"",
            "\"0001-01-01\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"not-a-date\"", "\"2026-02-30T00:00:00Z\"",
            "\"ALL\"", "\"REGEX\"", "\"(\"", "\"[\"", "\"$.\"", "\"$.identity.traits.\"", "\"a|b|c\"", "\"0|0\"", "\"1.2:semver\"",
            "\"" + new string('x', 10_000) + "\"", "[" + string.Join(',', Enumerable.Repeat("null", 500)) + "]",
            new string('[', 200) + new string(']', 200), new string('[', 20) + "1" + new string(']', 20),
            "\"💥\"", "\"\\\"\"", "\"%00\"", "\"' OR 1=1 --\"", "\"$flag_exposure\"", "\"evaluation\"", "\"exposure\"", "\"other\"",
        }.Select(Encoding.UTF8.GetBytes),
        [0x22, 0xFF, 0xFE, 0x22],
        [0x22, 0xC3, 0x28, 0x22],
        [0x22, 0xED, 0xA0, 0x80, 0x22],
        [0x22, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x22],
    ];

    private static readonly string[] QueryValues =
    [
        "", "abc", "-1", "0", "1", "100", "1000000", "2147483648", "99999999999999999999", "1.5", "1e3", "true", "null", "[]",
        "0001-01-01", "9999-12-31", "0001-01-01T00:00:00Z", "2026-02-30", "2026-11-21T13:00:00Z", "2026-11-21", "yesterday",
        "%FF", "%00", "%ED%A0%80", "%C3%28", new string('9', 400), "1;DROP TABLE x", "-0", " 1", "0x10",
    ];

    public FuzzRequest Next(FuzzRoute route, string path, JsonNode? seed)
    {
        var query = MutateQuery(route);
        if (route.BodyType is null || seed is null)
        {
            return new FuzzRequest(path, query.Text, null, "application/json", "query " + query.Text);
        }

        var (body, mutation) = MutateBody(seed);
        var contentType = random.Next(40) == 0 ? "text/plain" : "application/json";
        return new FuzzRequest(path, query.Text, body, contentType, mutation + (query.Text.Length > 0 ? " + query " + query.Text : string.Empty));
    }

    private (string Text, bool Any) MutateQuery(FuzzRoute route)
    {
        if (route.Query.Count == 0)
        {
            return (string.Empty, false);
        }

        var parts = new List<string>();
        foreach (var parameter in route.Query)
        {
            switch (random.Next(5))
            {
                case 0:
                    break;
                case 1:
                    parts.Add($"{parameter.Name}={Pick(QueryValues)}&{parameter.Name}={Pick(QueryValues)}");
                    break;
                default:
                    parts.Add($"{parameter.Name}={Pick(QueryValues)}");
                    break;
            }
        }

        return (parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts), parts.Count > 0);
    }

    private (byte[] Body, string Mutation) MutateBody(JsonNode seed)
    {
        var text = seed.ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(text);
        switch (random.Next(12))
        {
            case 0:
                var whole = Pick(["", "null", "[]", "{}", "\"s\"", "12", "true", "{", "}", "{\"a\":}", "\uFEFF{}", "{}{}", "[{}]"]);
                return (Encoding.UTF8.GetBytes(whole), "whole body " + whole);
            case 1:
                var cut = random.Next(bytes.Length);
                return (bytes[..cut], $"truncated at {cut}");
            case 2:
                var flipped = (byte[])bytes.Clone();
                var flips = 1 + random.Next(3);
                for (var i = 0; i < flips; i++)
                {
                    flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
                }

                return (flipped, $"{flips} random bytes");
            case 3:
                return RemoveOrAdd(seed);
            default:
                return ReplaceValue(seed);
        }
    }

    private (byte[] Body, string Mutation) ReplaceValue(JsonNode seed)
    {
        var copy = seed.DeepClone();
        var nodes = new List<(JsonNode? Parent, string? Property, int Index)>();
        Collect(copy, nodes);
        var fragment = Pick(Fragments);
        var (parent, property, index) = nodes[random.Next(nodes.Count)];
        string where;
        if (parent is JsonObject obj)
        {
            obj[property!] = JsonValue.Create("__fuzz_placeholder__");
            where = property!;
        }
        else if (parent is JsonArray array)
        {
            array[index] = JsonValue.Create("__fuzz_placeholder__");
            where = $"[{index}]";
        }
        else
        {
            return (fragment, "root := " + Describe(fragment));
        }

        var text = Encoding.UTF8.GetBytes(copy.ToJsonString());
        var at = IndexOf(text, Encoding.UTF8.GetBytes(Placeholder));
        var body = text[..at].Concat(fragment).Concat(text[(at + Placeholder.Length)..]).ToArray();
        return (body, $"{where} := {Describe(fragment)}");
    }

    private (byte[] Body, string Mutation) RemoveOrAdd(JsonNode seed)
    {
        var copy = seed.DeepClone();
        var objects = new List<JsonObject>();
        CollectObjects(copy, objects);
        if (objects.Count == 0)
        {
            return (Encoding.UTF8.GetBytes(copy.ToJsonString()), "unchanged");
        }

        var target = objects[random.Next(objects.Count)];
        if (target.Count > 0 && random.Next(2) == 0)
        {
            var name = target.ElementAt(random.Next(target.Count)).Key;
            target.Remove(name);
            return (Encoding.UTF8.GetBytes(copy.ToJsonString()), $"removed {name}");
        }

        target["unexpected" + random.Next(100).ToString(CultureInfo.InvariantCulture)] = new JsonArray(1, "x", null);
        return (Encoding.UTF8.GetBytes(copy.ToJsonString()), "added an unknown property");
    }

    private static void Collect(JsonNode? node, List<(JsonNode? Parent, string? Property, int Index)> into)
    {
        into.Add((null, null, -1));
        Walk(node, into);
    }

    private static void Walk(JsonNode? node, List<(JsonNode? Parent, string? Property, int Index)> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    into.Add((obj, name, -1));
                    Walk(child, into);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    into.Add((array, null, i));
                    Walk(array[i], into);
                }

                break;
        }
    }

    private static void CollectObjects(JsonNode? node, List<JsonObject> into)
    {
        if (node is JsonObject obj)
        {
            into.Add(obj);
            foreach (var (_, child) in obj)
            {
                CollectObjects(child, into);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                CollectObjects(child, into);
            }
        }
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        throw new InvalidOperationException("placeholder not found");
    }

    private static string Describe(byte[] fragment)
    {
        var text = Encoding.UTF8.GetString(fragment);
        var shown = text.Length > 40 ? text[..40] + $"…({text.Length} chars)" : text;
        return System.Text.Unicode.Utf8.IsValid(fragment) ? shown : shown + " [bytes " + Convert.ToHexString(fragment) + "]";
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
