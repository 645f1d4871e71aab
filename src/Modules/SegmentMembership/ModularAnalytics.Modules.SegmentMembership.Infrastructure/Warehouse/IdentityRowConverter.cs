using System.Globalization;
using System.Text.Encodings.Web;
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
        var traits = value.Traits;
        writer.WriteStartArray();
        writer.WriteStringValue(value.EnvironmentId);
        writer.WriteStringValue(identity.Identifier);
        writer.WriteStringValue(identity.Key ?? string.Empty);
        writer.WriteStartObject();
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

        // Why pre-encoded: the writer's default encoder spells every quote of the nested JSON text as \u0022.
        writer.WriteStringValue(JsonEncodedText.Encode(IdentityTraits.Serialize(identity.Traits), JavaScriptEncoder.UnsafeRelaxedJsonEscaping));
        WriteObject(writer, traits, static (w, p) => w.WriteNumberValue((int)p.Kind));
        WriteObject(writer, traits, static (w, p) => w.WriteStringValue(p.Text));
        WriteObject(writer, traits.Where(t => t.Prepared.Number is not null), static (w, p) => w.WriteRawValue(IdentityWarehouseRows.FloatJson(p.Number!.Value)));
        WriteObject(writer, traits.Where(t => t.Prepared.IntegerKey is not null), static (w, p) => w.WriteStringValue(p.IntegerKey));
        WriteObject(writer, traits.Where(t => t.Prepared.SemverKey is not null), static (w, p) => w.WriteStringValue(p.SemverKey));
        WriteContext(writer, value.Identifier);
        WriteContext(writer, value.Key);
        writer.WriteNumberValue(IdentityWarehouseRows.PreparedVersion);
        writer.WriteStringValue(value.InsertedAt.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
        writer.WriteEndArray();
    }

    private static void WriteObject(Utf8JsonWriter writer, IEnumerable<(string Key, TraitValue Value, PreparedValue Prepared)> traits, Action<Utf8JsonWriter, PreparedValue> write)
    {
        writer.WriteStartObject();
        foreach (var (key, _, prepared) in traits)
        {
            writer.WritePropertyName(key);
            write(writer, prepared);
        }

        writer.WriteEndObject();
    }

    /// <summary>A context string's prepared columns; an absent value (no explicit identity key) is kind 0 with NULLs.</summary>
    private static void WriteContext(Utf8JsonWriter writer, PreparedValue? value)
    {
        writer.WriteNumberValue(value is { } v ? (int)v.Kind : 0);
        writer.WriteStringValue(value?.Text ?? string.Empty);
        if (value?.Number is { } number)
        {
            writer.WriteRawValue(IdentityWarehouseRows.FloatJson(number));
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteStringValue(value?.IntegerKey);
        writer.WriteStringValue(value?.SemverKey);
    }
}
