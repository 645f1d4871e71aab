using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Domain.Identities;

/// <summary>
/// Traits as stored text: a JSON object whose numbers keep their kind (a float always carries '.' or an exponent),
/// so reading it back gives the same <see cref="TraitValue"/>s. Null traits are not set and never written.
/// </summary>
public static class IdentityTraits
{
    public static string Serialize(IReadOnlyDictionary<string, TraitValue> traits)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in traits)
            {
                if (value.Kind == TraitValueKind.Null)
                {
                    continue;
                }

                writer.WritePropertyName(key);
                switch (value.Kind)
                {
                    case TraitValueKind.String: writer.WriteStringValue(value.Text); break;
                    case TraitValueKind.Boolean: writer.WriteBooleanValue(value.Boolean); break;
                    case TraitValueKind.Integer: writer.WriteRawValue(value.Integer.ToString(CultureInfo.InvariantCulture)); break;
                    default: writer.WriteRawValue(Float(value.Number)); break;
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static Dictionary<string, TraitValue> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var traits = new Dictionary<string, TraitValue>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = TraitValue.FromJson(property.Value);
            if (value.Kind != TraitValueKind.Null)
            {
                traits[property.Name] = value;
            }
        }

        return traits;
    }

    private static string Float(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny(".E") >= 0 ? text : text + ".0";
    }
}
