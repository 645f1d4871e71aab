using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModularAnalytics.Modules.SegmentMembership.Domain.Identities;
using ModularAnalytics.Modules.SegmentMembership.Domain.Prepared;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

/// <summary>
/// Writes an identity row (JSONEachRow) with its prepared columns in one pass. Trait values keep their JSON type:
/// integers as Int64/UInt64, floats as Float64 even when integral, strings as String, booleans as Bool, null as absent.
/// </summary>
internal sealed class IdentityRowConverter : JsonConverter<IdentityWarehouseRow>
{
    public override IdentityWarehouseRow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Identity rows are only written.");

    public override void Write(Utf8JsonWriter writer, IdentityWarehouseRow value, JsonSerializerOptions options)
    {
        var identity = value.Identity;
        var traits = new List<(string Key, TraitValue Value, PreparedValue Prepared)>(identity.Traits.Count);
        foreach (var (key, trait) in identity.Traits)
        {
            if (PreparedValue.Of(trait) is { } prepared)
            {
                traits.Add((key, trait, prepared));
            }
        }

        writer.WriteStartObject();
        writer.WriteString("environment_id", value.EnvironmentId);
        writer.WriteString("identifier", identity.Identifier);
        writer.WriteString("identity_key", identity.Key ?? string.Empty);
        writer.WriteStartObject("traits");
        foreach (var (key, trait, _) in traits)
        {
            writer.WritePropertyName(key);
            switch (trait.Kind)
            {
                case TraitValueKind.String: writer.WriteStringValue(trait.Text); break;
                case TraitValueKind.Boolean: writer.WriteBooleanValue(trait.Boolean); break;
                case TraitValueKind.Integer: writer.WriteRawValue(trait.Integer.ToString(CultureInfo.InvariantCulture)); break;
                default: writer.WriteRawValue(IdentityWarehouseRows.FloatJson(trait.Number)); break;
            }
        }

        writer.WriteEndObject();
        writer.WriteString("traits_text", IdentityTraits.Serialize(identity.Traits));
        WriteObject(writer, "trait_kind", traits, static (w, p) => w.WriteNumberValue((int)p.Kind));
        WriteObject(writer, "trait_text", traits, static (w, p) => w.WriteStringValue(p.Text));
        WriteObject(writer, "trait_number", traits.Where(t => t.Prepared.Number is not null), static (w, p) => w.WriteRawValue(IdentityWarehouseRows.FloatJson(p.Number!.Value)));
        WriteObject(writer, "trait_integer", traits.Where(t => t.Prepared.IntegerKey is not null), static (w, p) => w.WriteStringValue(p.IntegerKey));
        WriteObject(writer, "trait_semver", traits.Where(t => t.Prepared.SemverKey is not null), static (w, p) => w.WriteStringValue(p.SemverKey));
        WriteContext(writer, "identifier", PreparedValue.OfString(identity.Identifier));
        WriteContext(writer, "key", string.IsNullOrEmpty(identity.Key) ? null : PreparedValue.OfString(identity.Key));
        writer.WriteNumber("prepared", IdentityWarehouseRows.PreparedVersion);
        writer.WriteString("inserted_at", value.InsertedAt.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }

    private static void WriteObject(Utf8JsonWriter writer, string column, IEnumerable<(string Key, TraitValue Value, PreparedValue Prepared)> traits, Action<Utf8JsonWriter, PreparedValue> write)
    {
        writer.WriteStartObject(column);
        foreach (var (key, _, prepared) in traits)
        {
            writer.WritePropertyName(key);
            write(writer, prepared);
        }

        writer.WriteEndObject();
    }

    /// <summary>A context string's prepared columns; an absent value (no explicit identity key) is kind 0 with NULLs.</summary>
    private static void WriteContext(Utf8JsonWriter writer, string prefix, PreparedValue? value)
    {
        writer.WriteNumber(prefix + "_kind", value is { } v ? (int)v.Kind : 0);
        writer.WriteString(prefix + "_text", value?.Text ?? string.Empty);
        writer.WritePropertyName(prefix + "_number");
        if (value?.Number is { } number)
        {
            writer.WriteRawValue(IdentityWarehouseRows.FloatJson(number));
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteString(prefix + "_integer", value?.IntegerKey);
        writer.WriteString(prefix + "_semver", value?.SemverKey);
    }
}
