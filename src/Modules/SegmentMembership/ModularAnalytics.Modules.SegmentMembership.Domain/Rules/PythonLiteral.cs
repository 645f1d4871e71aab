using System.Globalization;
using System.Numerics;
using System.Text;

namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

/// <summary>
/// How Flagsmith's engine (Python) reads a condition's text as a number and prints a float: <c>int(s)</c>,
/// <c>float(s)</c> and <c>repr(float)</c>. Part of the rule model because a condition value means what Python makes
/// of it; both the evaluator and the SQL compiler coerce condition literals through here.
/// </summary>
public static class PythonLiteral
{
    /// <summary>Python's <c>int(s)</c>: surrounding whitespace, a sign, decimal digits with single underscores between them.</summary>
    public static bool TryParseInt(string? text, out BigInteger value)
    {
        value = default;
        if (text is null || !TryNormalizeDigits(Strip(text), allowFloatSyntax: false, out var ascii))
        {
            return false;
        }

        value = BigInteger.Parse(ascii, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Python's <c>float(s)</c>: decimal or exponent syntax with underscores between digits, inf/infinity/nan in any case.</summary>
    public static bool TryParseFloat(string? text, out double value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }

        var s = Strip(text);
        var unsigned = s.StartsWith('-') || s.StartsWith('+') ? s[1..] : s;
        var negative = s.StartsWith('-');
        if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (unsigned.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        if (!TryNormalizeDigits(s, allowFloatSyntax: true, out var ascii))
        {
            return false;
        }

        value = double.Parse(ascii, NumberStyles.Float, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Python's <c>repr(float)</c> (= <c>str</c>): shortest round-trip digits, exponent form below 1e-4 or from 1e16.</summary>
    public static string FloatRepr(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var negative = double.IsNegative(value);
        var r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = r.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }

        var dot = r.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot < 0 ? r : r[..dot];
        var raw = dot < 0 ? r : integerPart + r[(dot + 1)..];
        var trimmed = raw.TrimStart('0');
        var decimalPoint = integerPart.Length + exponent - (raw.Length - trimmed.Length);
        var digits = trimmed.TrimEnd('0');
        string body;
        if (digits.Length == 0)
        {
            body = "0.0";
        }
        else if (decimalPoint > -4 && decimalPoint <= 16)
        {
            body = decimalPoint <= 0 ? "0." + new string('0', -decimalPoint) + digits
                : decimalPoint >= digits.Length ? digits + new string('0', decimalPoint - digits.Length) + ".0"
                : digits[..decimalPoint] + "." + digits[decimalPoint..];
        }
        else
        {
            var exp = decimalPoint - 1;
            body = digits[..1] + (digits.Length > 1 ? "." + digits[1..] : string.Empty) + "e" + (exp < 0 ? "-" : "+")
                + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
        }

        return negative ? "-" + body : body;
    }

    /// <summary>Python's <c>str()</c> of a JSON scalar as <c>json.loads</c> returns it; null for arrays and objects.</summary>
    public static string? StrOfJsonScalar(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => element.GetString(),
        System.Text.Json.JsonValueKind.True => "True",
        System.Text.Json.JsonValueKind.False => "False",
        System.Text.Json.JsonValueKind.Null => "None",
        System.Text.Json.JsonValueKind.Number => element.GetRawText().AsSpan().IndexOfAny(".eE") < 0
            ? BigInteger.Parse(element.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
            : FloatRepr(double.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)),
        _ => null,
    };

    /// <summary>Python's <c>str.isspace()</c> set: Unicode white space plus the information separators U+001C..U+001F.</summary>
    public static bool IsPythonWhiteSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001c' and <= '\u001f';

    private static string Strip(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsPythonWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsPythonWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    // Why by hand: Python accepts any Unicode decimal digit and '_' between digits; .NET parses neither.
    private static bool TryNormalizeDigits(string s, bool allowFloatSyntax, out string ascii)
    {
        ascii = string.Empty;
        var sb = new StringBuilder(s.Length);
        var i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            sb.Append(s[i++]);
        }

        var mantissaDigits = ReadDigitPart(s, ref i, sb);
        if (mantissaDigits < 0)
        {
            return false;
        }

        if (allowFloatSyntax && i < s.Length && s[i] == '.')
        {
            sb.Append('.');
            i++;
            var fraction = ReadDigitPart(s, ref i, sb);
            if (fraction < 0)
            {
                return false;
            }

            mantissaDigits += fraction;
        }

        if (mantissaDigits == 0)
        {
            return false;
        }

        if (allowFloatSyntax && i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            sb.Append('e');
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                sb.Append(s[i++]);
            }

            if (ReadDigitPart(s, ref i, sb) <= 0)
            {
                return false;
            }
        }

        if (i != s.Length)
        {
            return false;
        }

        ascii = sb.ToString();
        return true;
    }

    /// <summary>Reads <c>digit (["_"] digit)*</c>; returns the digit count, or -1 when an underscore is misplaced.</summary>
    private static int ReadDigitPart(string s, ref int i, StringBuilder sb)
    {
        var count = 0;
        while (i < s.Length)
        {
            var d = CharUnicodeInfo.GetDecimalDigitValue(s[i]);
            if (d >= 0)
            {
                sb.Append((char)('0' + d));
                count++;
                i++;
            }
            else if (s[i] == '_' && count > 0 && i + 1 < s.Length && CharUnicodeInfo.GetDecimalDigitValue(s[i + 1]) >= 0)
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return count;
    }
}
