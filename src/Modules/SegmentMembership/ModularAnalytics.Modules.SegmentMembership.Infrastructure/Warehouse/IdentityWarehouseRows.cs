using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.SegmentMembership.Domain.Identities;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

/// <summary>One row of the warehouse's <c>identities</c> table as it is sent (JSONEachRow).</summary>
internal sealed record IdentityWarehouseRow(
    [property: JsonPropertyName("environment_id")] string EnvironmentId,
    [property: JsonPropertyName("identifier")] string Identifier,
    [property: JsonPropertyName("identity_key")] string IdentityKey,
    [property: JsonPropertyName("traits")] JsonObject Traits,
    [property: JsonPropertyName("traits_text")] string TraitsText,
    [property: JsonPropertyName("inserted_at")] DateTime InsertedAt);

/// <summary>
/// The contract between identity rows and the compiled segment SQL: how traits are written so ClickHouse's JSON type
/// keeps each value's type (integers as Int64/UInt64, floats as Float64 even when integral, strings as String —
/// never inferred as dates — booleans as Bool, null as absent).
/// </summary>
internal static class IdentityWarehouseRows
{
    public const string Table = "identities";

    public const string CreateTable =
        "CREATE TABLE IF NOT EXISTS identities (environment_id String, identifier String, identity_key String, traits JSON, " +
        "inserted_at DateTime64(6, 'UTC')) ENGINE = ReplacingMergeTree(inserted_at) ORDER BY (environment_id, identifier)";

    /// <summary>
    /// The traits' JSON text as the source held it, for the members page: the JSON column reads 1.0 back as 1.
    /// Rows written before the column existed have '' and fall back to the JSON column.
    /// </summary>
    public const string AddTraitsText = "ALTER TABLE identities ADD COLUMN IF NOT EXISTS traits_text String DEFAULT ''";

    public const string TraitsAsStored = "if(traits_text = '', toJSONString(traits), traits_text)";

    public const string TypesTable = "identity_trait_types";

    /// <summary>
    /// Which value types each trait path holds per environment, kept by a materialized view on every insert, so a
    /// refresh compiles only the comparisons for types that exist. A superset after rows are replaced: still exact.
    /// </summary>
    public static readonly string[] CreateTypes =
    [
        "CREATE TABLE IF NOT EXISTS identity_trait_types (environment_id String, path String, type String) " +
            "ENGINE = ReplacingMergeTree ORDER BY (environment_id, path, type)",
        "CREATE MATERIALIZED VIEW IF NOT EXISTS identity_trait_types_mv TO identity_trait_types AS " +
            "SELECT DISTINCT environment_id, path, type FROM identities " +
            "ARRAY JOIN mapKeys(JSONAllPathsWithTypes(traits)) AS path, mapValues(JSONAllPathsWithTypes(traits)) AS type",
    ];

    /// <summary>Records the types of rows written before the view existed.</summary>
    public const string BackfillTypes =
        "INSERT INTO identity_trait_types SELECT DISTINCT environment_id, path, type FROM identities " +
        "ARRAY JOIN mapKeys(JSONAllPathsWithTypes(traits)) AS path, mapValues(JSONAllPathsWithTypes(traits)) AS type";

    /// <summary>Insert settings the SQL relies on: without them "2020-01-01" would be stored as a Date, not a String.</summary>
    public static ClickHouseInsert Insert() => new(Table)
    {
        Settings = new Dictionary<string, string>
        {
            ["input_format_try_infer_dates"] = "0",
            ["input_format_try_infer_datetimes"] = "0",
            ["input_format_json_try_infer_numbers_from_strings"] = "0",
            ["input_format_json_read_bools_as_numbers"] = "0",
            ["input_format_json_read_bools_as_strings"] = "0",
        },
    };

    public static IdentityWarehouseRow Row(string environmentId, IdentityContext identity, DateTime insertedAt) =>
        new(environmentId, identity.Identifier, identity.Key ?? string.Empty, Traits(identity.Traits), IdentityTraits.Serialize(identity.Traits), insertedAt);

    /// <summary>Traits as a JSON object; floats always carry a '.' or exponent so they are not read back as integers.</summary>
    public static JsonObject Traits(IReadOnlyDictionary<string, TraitValue> traits)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in traits)
            {
                writer.WritePropertyName(key);
                switch (value.Kind)
                {
                    case TraitValueKind.String: writer.WriteStringValue(value.Text); break;
                    case TraitValueKind.Boolean: writer.WriteBooleanValue(value.Boolean); break;
                    case TraitValueKind.Integer: writer.WriteRawValue(value.Integer.ToString(CultureInfo.InvariantCulture)); break;
                    case TraitValueKind.Float: writer.WriteRawValue(FloatJson(value.Number)); break;
                    default: writer.WriteNullValue(); break;
                }
            }

            writer.WriteEndObject();
        }

        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    internal static string FloatJson(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny(".E") >= 0 ? text : text + ".0";
    }
}
