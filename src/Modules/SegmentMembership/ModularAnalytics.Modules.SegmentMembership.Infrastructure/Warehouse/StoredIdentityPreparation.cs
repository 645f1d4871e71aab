using System.Globalization;
using System.Text.Json;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.SegmentMembership.Domain.Identities;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

/// <summary>
/// The data step of the prepared-columns migration: rewrites every current row whose prepared columns are missing
/// or older than <see cref="IdentityWarehouseRows.PreparedVersion"/>, through the same writer as the backfill, with
/// its own <c>inserted_at</c> — so a row the backfill replaced meanwhile still wins, and running it twice is harmless.
/// </summary>
internal static class StoredIdentityPreparation
{
    private const int PageSize = 10_000;

    public static async Task<long> RunAsync(IClickHouseClient client, CancellationToken cancellationToken)
    {
        var (environment, identifier) = (string.Empty, string.Empty);
        long rewritten = 0;
        while (true)
        {
            var query = new ClickHouseQuery(
                    "SELECT environment_id, identifier, identity_key, traits_text, toJSONString(traits) AS traits_json, " +
                    "JSONAllPathsWithTypes(traits) AS types, toString(inserted_at) AS inserted_at " +
                    $"FROM {IdentityWarehouseRows.Table} FINAL " +
                    "WHERE prepared < {prepare_version:UInt8} AND (environment_id, identifier) > ({prepare_environment:String}, {prepare_identifier:String}) " +
                    "ORDER BY environment_id, identifier LIMIT " + PageSize.ToString(CultureInfo.InvariantCulture))
                .WithParameter("prepare_version", IdentityWarehouseRows.PreparedVersion.ToString(CultureInfo.InvariantCulture))
                .WithParameter("prepare_environment", environment)
                .WithParameter("prepare_identifier", identifier)
                .WithLogComment("warehouse-migrations:prepare-identities");
            var rows = (await client.QueryAsync(query, cancellationToken)).ToList();
            if (rows.Count == 0)
            {
                return rewritten;
            }

            var prepared = rows.Select(r => IdentityWarehouseRows.Row(
                r.GetString("environment_id")!,
                new IdentityContext(r.GetString("identifier")!, r.GetString("identity_key"), Traits(r)),
                DateTime.SpecifyKind(DateTime.Parse(r.GetString("inserted_at")!, CultureInfo.InvariantCulture), DateTimeKind.Utc)));
            rewritten += await client.InsertAsync(IdentityWarehouseRows.Insert() with { LogComment = "warehouse-migrations:prepare-identities" }, prepared, cancellationToken);
            (environment, identifier) = (rows[^1].GetString("environment_id")!, rows[^1].GetString("identifier")!);
        }
    }

    /// <summary>
    /// The row's traits as written: from <c>traits_text</c>, or for rows older than it from the JSON column, whose
    /// text nests dotted paths and prints integral floats without a '.', so its path types restore the floats.
    /// </summary>
    private static Dictionary<string, TraitValue> Traits(ClickHouseRow row)
    {
        if (row.GetString("traits_text") is { Length: > 0 } text)
        {
            return IdentityTraits.Parse(text);
        }

        var types = row["types"].EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString(), StringComparer.Ordinal);
        var traits = new Dictionary<string, TraitValue>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(row.GetString("traits_json") ?? "{}");
        Flatten(document.RootElement, string.Empty, types, traits);
        return traits;
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string?> types, Dictionary<string, TraitValue> traits)
    {
        foreach (var property in element.EnumerateObject())
        {
            var path = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Flatten(property.Value, path, types, traits);
                continue;
            }

            var value = TraitValue.FromJson(property.Value);
            if (value.Kind == TraitValueKind.Integer && types.GetValueOrDefault(path) == "Float64")
            {
                value = TraitValue.FromFloat((double)value.Integer);
            }

            if (value.Kind != TraitValueKind.Null)
            {
                traits[path] = value;
            }
        }
    }
}
