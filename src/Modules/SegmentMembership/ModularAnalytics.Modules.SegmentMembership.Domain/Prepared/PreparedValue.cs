using System.Globalization;
using System.Numerics;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Domain.Prepared;

/// <summary>
/// What a segment condition needs of one context value, computed once when the identity is written to the warehouse,
/// so the compiled SQL compares prepared values instead of re-deriving Python's semantics for every row on every
/// refresh: the value's <see cref="Kind"/> after Flagsmith's string mapping (an all-digit string is an int, a
/// <c>d.d</c> string a float), Python's <c>str()</c> of it, its float value, an order-preserving key for integers of
/// any size, and one for strings that parse as semantic versions.
/// </summary>
/// <remarks>
/// <see cref="Number"/> is the value as a Python float (ints converted as <c>float(int)</c> would, bools as 1 and 0).
/// Two cases JSON cannot carry are folded: an int too large for a float (Python raises, so it never matches a
/// MODULO) has no number; a float that is infinite is stored as ±<see cref="double.MaxValue"/>, its <see cref="Text"/>
/// (<c>inf</c>/<c>-inf</c>) telling the two apart where it matters.
/// </remarks>
public readonly record struct PreparedValue(PreparedKind Kind, string Text, double? Number, string? IntegerKey, string? SemverKey)
{
    public static PreparedValue? Of(TraitValue value) => value.Kind switch
    {
        TraitValueKind.String => OfString(value.Text!),
        TraitValueKind.Integer => OfInteger((BigInteger)value.Integer),
        TraitValueKind.Float => OfFloat(value.Number),
        TraitValueKind.Boolean => new PreparedValue(PreparedKind.Boolean, value.Boolean ? "True" : "False", value.Boolean ? 1 : 0, null, null),
        _ => null,
    };

    /// <summary>A trait or context string through Flagsmith's <c>_map_string_value_to_context_value</c>.</summary>
    public static PreparedValue OfString(string text)
    {
        var body = text.StartsWith('-') ? text.AsSpan(1) : text.AsSpan();
        var dot = body.IndexOf('.');
        if (body.Length > 0 && dot < 0 && AllAsciiDigits(body))
        {
            return OfInteger(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        if (dot > 0 && dot < body.Length - 1 && AllAsciiDigits(body[..dot]) && AllAsciiDigits(body[(dot + 1)..]))
        {
            return OfFloat(double.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
        }

        return new PreparedValue(PreparedKind.String, text, null, null, SemanticVersion.TryParse(text, out var version) ? SemverKeyOf(version) : null);
    }

    private static PreparedValue OfInteger(BigInteger value)
    {
        var number = double.Parse(value.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return new PreparedValue(PreparedKind.Integer, value.ToString(CultureInfo.InvariantCulture), double.IsFinite(number) ? number : null, IntegerKeyOf(value), null);
    }

    private static PreparedValue OfFloat(double value) =>
        new(PreparedKind.Float, PythonLiteral.FloatRepr(value), double.IsInfinity(value) ? Math.CopySign(double.MaxValue, value) : value, null, null);

    /// <summary>
    /// A string whose ordinal (byte) order is the numeric order of arbitrarily large integers: sign, then length
    /// (complemented for negatives), then digits (complemented for negatives).
    /// </summary>
    public static string IntegerKeyOf(BigInteger value)
    {
        var magnitude = BigInteger.Abs(value).ToString(CultureInfo.InvariantCulture);
        return value.Sign < 0
            ? "0" + (9999999999L - magnitude.Length).ToString("D10", CultureInfo.InvariantCulture)
                + string.Concat(magnitude.Select(d => (char)('9' - d + '0')))
            : "1" + magnitude.Length.ToString("D10", CultureInfo.InvariantCulture) + magnitude;
    }

    /// <summary>
    /// A printable ASCII string whose ordinal order is semver's precedence (<see cref="SemanticVersion.CompareTo"/>),
    /// equal exactly when the versions compare equal (build metadata ignored): each number length-prefixed (the
    /// grammar allows no leading zeros), then the pre-release identifiers, numeric ones ('"') before alphanumeric
    /// ones ('#'), each list closed by '!' so a shorter list sorts first, and no pre-release ('~') above any.
    /// </summary>
    public static string SemverKeyOf(SemanticVersion version)
    {
        var key = new System.Text.StringBuilder();
        foreach (var part in (string[])[version.Major, version.Minor, version.Patch])
        {
            AppendNumber(key, part);
        }

        if (version.Prerelease is null)
        {
            return key.Append('~').ToString();
        }

        foreach (var identifier in version.Prerelease.Split('.'))
        {
            if (AllAsciiDigits(identifier))
            {
                AppendNumber(key.Append('"'), identifier);
            }
            else
            {
                key.Append('#').Append(identifier).Append('!');
            }
        }

        return key.Append('!').ToString();
    }

    private static void AppendNumber(System.Text.StringBuilder key, string digits) =>
        key.Append(digits.Length.ToString("D6", CultureInfo.InvariantCulture)).Append(digits);

    private static bool AllAsciiDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return !span.IsEmpty;
    }
}
