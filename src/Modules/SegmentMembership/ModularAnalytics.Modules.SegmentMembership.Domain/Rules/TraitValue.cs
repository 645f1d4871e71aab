using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

public enum TraitValueKind
{
    Null,
    String,
    Integer,
    Float,
    Boolean,
}

/// <summary>
/// A trait's typed JSON value. Integers are limited to the range the warehouse's JSON type stores as integers
/// (Int64 or UInt64); JSON integers beyond it become floats, because ClickHouse refuses them as integers and the two
/// engines must see the same value. A null trait counts as not set.
/// </summary>
public readonly record struct TraitValue
{
    public static readonly Int128 MinInteger = long.MinValue;
    public static readonly Int128 MaxInteger = ulong.MaxValue;

    private TraitValue(TraitValueKind kind, string? text, Int128 integer, double number, bool boolean)
    {
        Kind = kind;
        Text = text;
        Integer = integer;
        Number = number;
        Boolean = boolean;
    }

    public TraitValueKind Kind { get; }

    public string? Text { get; }

    public Int128 Integer { get; }

    public double Number { get; }

    public bool Boolean { get; }

    public static TraitValue Null => default;

    public static TraitValue FromString(string value) => new(TraitValueKind.String, value ?? throw new ArgumentNullException(nameof(value)), 0, 0, false);

    public static TraitValue FromBoolean(bool value) => new(TraitValueKind.Boolean, null, 0, 0, value);

    public static TraitValue FromFloat(double value) =>
        double.IsFinite(value) ? new(TraitValueKind.Float, null, 0, value, false)
        : throw new ArgumentOutOfRangeException(nameof(value), "Trait values must be finite numbers.");

    public static TraitValue FromInteger(Int128 value) =>
        value >= MinInteger && value <= MaxInteger ? new(TraitValueKind.Integer, null, value, 0, false)
        : FromFloat((double)value);

    public static TraitValue FromInteger(BigInteger value) =>
        value >= (BigInteger)MinInteger && value <= (BigInteger)MaxInteger ? FromInteger((Int128)value)
        : FromFloat(double.Parse(value.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    /// <summary>Reads a JSON scalar; a number without fraction or exponent is an integer, as Python's json reads it.</summary>
    public static TraitValue FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => Null,
        JsonValueKind.String => FromString(element.GetString()!),
        JsonValueKind.True => FromBoolean(true),
        JsonValueKind.False => FromBoolean(false),
        JsonValueKind.Number => FromJsonNumber(element.GetRawText()),
        _ => throw new FormatException("A trait value must be a string, number, boolean or null."),
    };

    public static TraitValue FromJsonNumber(string raw)
    {
        if (raw.AsSpan().IndexOfAny(".eE") < 0)
        {
            return FromInteger(BigInteger.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        var value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(value) ? FromFloat(value) : throw new FormatException($"The number {raw} is out of range.");
    }

    public override string ToString() => Kind switch
    {
        TraitValueKind.Null => "null",
        TraitValueKind.String => JsonSerializer.Serialize(Text),
        TraitValueKind.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        TraitValueKind.Float => Number.ToString("R", CultureInfo.InvariantCulture) + "(float)",
        _ => Boolean ? "true" : "false",
    };
}
