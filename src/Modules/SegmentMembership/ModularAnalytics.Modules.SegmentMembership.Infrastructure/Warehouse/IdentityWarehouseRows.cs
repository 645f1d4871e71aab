using System.Globalization;
using System.Text.Json;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.SegmentMembership.Domain.Prepared;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

/// <summary>
/// The contract between identity rows and the compiled segment SQL. <c>traits</c> keeps Flagsmith's shape (the
/// JSON type keeps each value's type; it feeds the members page with <c>traits_text</c>); beside it, what Python's
/// semantics need of each trait, of the identifier and of an explicit identity key, prepared once per row when it is
/// written (<see cref="Domain.Prepared.PreparedValue"/>): kind, <c>str()</c>, float value, integer and semver keys.
/// </summary>
internal static class IdentityWarehouseRows
{
    public const string Table = "identities";

    /// <summary>Rows written by this version carry prepared columns; rows with an older version are rewritten.</summary>
    public const int PreparedVersion = 1;

    public const string CreateTable =
        "CREATE TABLE IF NOT EXISTS identities (environment_id String, identifier String, identity_key String, traits JSON, " +
        "inserted_at DateTime64(6, 'UTC')) ENGINE = ReplacingMergeTree(inserted_at) ORDER BY (environment_id, identifier)";

    /// <summary>
    /// The traits' JSON text as the source held it, for the members page: the JSON column reads 1.0 back as 1.
    /// Rows written before the column existed have '' and fall back to the JSON column.
    /// </summary>
    public const string AddTraitsText = "ALTER TABLE identities ADD COLUMN IF NOT EXISTS traits_text String DEFAULT ''";

    public static readonly string AddPreparedColumns =
        "ALTER TABLE identities " + string.Join(", ", new[]
        {
            "trait_kind JSON", "trait_text JSON", "trait_number JSON", "trait_integer JSON", "trait_semver JSON",
            "identifier_kind UInt8", "identifier_text String", "identifier_number Nullable(Float64)", "identifier_integer Nullable(String)", "identifier_semver Nullable(String)",
            "key_kind UInt8", "key_text String", "key_number Nullable(Float64)", "key_integer Nullable(String)", "key_semver Nullable(String)",
            "prepared UInt8 DEFAULT 0",
        }.Select(c => "ADD COLUMN IF NOT EXISTS " + c));

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

    /// <summary>The whole schema, in order, for a fresh database (tests and benchmarks; the service migrates).</summary>
    public static IReadOnlyList<string> Schema => [CreateTable, .. CreateTypes, AddTraitsText, AddPreparedColumns];

    private static readonly JsonSerializerOptions SerializerOptions = new(ClickHouseJson.DefaultSerializerOptions)
    {
        Converters = { new IdentityRowConverter() },
    };

    /// <summary>The columns a row is written as, in order (<see cref="IdentityRowConverter"/> writes each row as an array).</summary>
    public static readonly string[] Columns =
    [
        "environment_id", "identifier", "identity_key", "traits", "traits_text",
        "trait_kind", "trait_text", "trait_number", "trait_integer", "trait_semver",
        "identifier_kind", "identifier_text", "identifier_number", "identifier_integer", "identifier_semver",
        "key_kind", "key_text", "key_number", "key_integer", "key_semver", "prepared", "inserted_at",
    ];

    /// <summary>
    /// Insert settings the SQL relies on: without them "2020-01-01" would be stored as a Date, not a String. Compact
    /// rows: column names repeated in every row would be a third of what ClickHouse has to parse.
    /// </summary>
    public static ClickHouseInsert Insert() => new(Table)
    {
        Columns = Columns,
        Format = "JSONCompactEachRow",
        SerializerOptions = SerializerOptions,
        Settings = new Dictionary<string, string>
        {
            ["input_format_try_infer_dates"] = "0",
            ["input_format_try_infer_datetimes"] = "0",
            ["input_format_json_try_infer_numbers_from_strings"] = "0",
            ["input_format_json_read_bools_as_numbers"] = "0",
            ["input_format_json_read_bools_as_strings"] = "0",
        },
    };

    /// <summary>A row with its prepared values: the one place a write prepares them (backfill, uploads, migration).</summary>
    public static IdentityWarehouseRow Row(string environmentId, IdentityContext identity, DateTime insertedAt)
    {
        var traits = new List<(string, TraitValue, PreparedValue)>(identity.Traits.Count);
        foreach (var (key, trait) in identity.Traits)
        {
            if (PreparedValue.Of(trait) is { } prepared)
            {
                traits.Add((key, trait, prepared));
            }
        }

        return new IdentityWarehouseRow(environmentId, identity, traits, PreparedValue.OfString(identity.Identifier),
            string.IsNullOrEmpty(identity.Key) ? null : PreparedValue.OfString(identity.Key), insertedAt);
    }

    /// <summary>A float as JSON that is never read back as an integer: always a '.' or an exponent.</summary>
    internal static string FloatJson(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny(".E") >= 0 ? text : text + ".0";
    }
}
