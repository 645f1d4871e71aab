using System.Globalization;

namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

public enum RegexPieceKind
{
    Literal,
    AnyChar,

    /// <summary><c>\d</c>: any Unicode decimal digit (category Nd), as in Python.</summary>
    Digit,
    Class,
    GroupOpen,
    GroupClose,
    Alternation,
    Quantifier,
    StartAnchor,
    EndAnchor,
}

/// <summary>One element of a parsed pattern. Literals hold one code point; classes hold inclusive BMP code point ranges.</summary>
public sealed record RegexPiece(RegexPieceKind Kind, string Text = "", bool Negated = false, IReadOnlyList<(char Low, char High)>? Ranges = null);

/// <summary>
/// The regular-expression dialect REGEX conditions accept: the part of Python's <c>re</c> that Python, RE2 (ClickHouse
/// <c>match</c>) and .NET read identically once rendered — literals, <c>.</c>, bracket classes with ranges, groups,
/// <c>\d</c> (Unicode digits, outside classes), alternation, greedy or lazy quantifiers up to 1000, <c>^</c>, and <c>$</c> at the end of a top-level alternative.
/// Other shorthand classes (<c>\D \w \s \b</c>, and <c>\d</c> inside a class), flags, look-arounds, back-references and named groups are rejected because
/// their meaning differs between the engines (Unicode vs ASCII) or RE2 lacks them. Matching follows Python's
/// <c>re.match</c>: anchored at the start only.
/// </summary>
public static class RegexSubset
{
    public const int MaxPatternLength = 1000;
    public const int MaxRepeat = 1000;

    public static bool TryParse(string pattern, out IReadOnlyList<RegexPiece> pieces, out string? error)
    {
        var list = new List<RegexPiece>();
        pieces = list;
        error = Parse(pattern, list);
        return error is null;
    }

    private static string? Parse(string p, List<RegexPiece> list)
    {
        if (p.Length > MaxPatternLength)
        {
            return $"The pattern is longer than {MaxPatternLength} characters.";
        }

        var depth = 0;
        var i = 0;
        while (i < p.Length)
        {
            var c = p[i];
            var previous = list.Count > 0 ? list[^1].Kind : (RegexPieceKind?)null;
            var quantifiable = previous is RegexPieceKind.Literal or RegexPieceKind.AnyChar or RegexPieceKind.Digit or RegexPieceKind.Class or RegexPieceKind.GroupClose;
            switch (c)
            {
                case '(':
                    if (i + 1 < p.Length && p[i + 1] == '?')
                    {
                        if (i + 2 < p.Length && p[i + 2] == ':')
                        {
                            i += 3;
                        }
                        else
                        {
                            return $"'(?' at {i}: only non-capturing groups '(?:' are supported (no flags, look-arounds or named groups).";
                        }
                    }
                    else
                    {
                        i++;
                    }

                    depth++;
                    list.Add(new(RegexPieceKind.GroupOpen));
                    continue;
                case ')':
                    if (depth == 0)
                    {
                        return $"Unbalanced ')' at {i}.";
                    }

                    depth--;
                    list.Add(new(RegexPieceKind.GroupClose));
                    i++;
                    continue;
                case '|':
                    list.Add(new(RegexPieceKind.Alternation));
                    i++;
                    continue;
                case '^':
                    list.Add(new(RegexPieceKind.StartAnchor));
                    i++;
                    continue;
                case '$':
                    if (depth != 0 || (i + 1 < p.Length && p[i + 1] != '|'))
                    {
                        return $"'$' at {i}: only supported at the end of the pattern or of a top-level alternative.";
                    }

                    list.Add(new(RegexPieceKind.EndAnchor));
                    i++;
                    continue;
                case '.':
                    list.Add(new(RegexPieceKind.AnyChar));
                    i++;
                    continue;
                case '*' or '+' or '?' or '{':
                {
                    if (!quantifiable)
                    {
                        return $"'{c}' at {i} has nothing to repeat.";
                    }

                    var start = i;
                    if (c == '{')
                    {
                        var close = p.IndexOf('}', i);
                        if (close < 0 || !TryReadRepeat(p[(i + 1)..close], out var error))
                        {
                            return $"'{{' at {i}: expected a repetition {{n}}, {{n,}} or {{n,m}} with n <= m <= {MaxRepeat} (escape a literal '{{').";
                        }

                        if (error is not null)
                        {
                            return error;
                        }

                        i = close + 1;
                    }
                    else
                    {
                        i++;
                    }

                    if (i < p.Length && p[i] == '?')
                    {
                        i++;
                    }

                    if (i < p.Length && p[i] is '*' or '+' or '?' or '{')
                    {
                        return $"Multiple repeat at {i}.";
                    }

                    list.Add(new(RegexPieceKind.Quantifier, p[start..i]));
                    continue;
                }

                case '[':
                {
                    var error = ReadClass(p, ref i, list);
                    if (error is not null)
                    {
                        return error;
                    }

                    continue;
                }

                case '\\' when i + 1 < p.Length && p[i + 1] == 'd':
                    list.Add(new(RegexPieceKind.Digit));
                    i += 2;
                    continue;
                case '\\':
                {
                    var error = ReadEscape(p, ref i, out var literal);
                    if (error is not null)
                    {
                        return error;
                    }

                    list.Add(new(RegexPieceKind.Literal, literal.ToString()));
                    continue;
                }

                default:
                {
                    var error = ReadCodePoint(p, ref i, out var text);
                    if (error is not null)
                    {
                        return error;
                    }

                    list.Add(new(RegexPieceKind.Literal, text));
                    continue;
                }
            }
        }

        return depth != 0 ? "Unbalanced '('." : null;
    }

    private static bool TryReadRepeat(string inner, out string? error)
    {
        error = null;
        var parts = inner.Split(',');
        if (parts.Length > 2 || parts[0].Length == 0 || !parts.All(x => x.All(char.IsAsciiDigit)))
        {
            return false;
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min) || min > MaxRepeat)
        {
            error = $"Repetition counts are limited to {MaxRepeat}.";
            return true;
        }

        if (parts.Length == 2 && parts[1].Length > 0
            && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max) || max > MaxRepeat || max < min))
        {
            error = $"Repetition {{{inner}}}: need n <= m <= {MaxRepeat}.";
        }

        return true;
    }

    private static string? ReadCodePoint(string p, ref int i, out string text)
    {
        text = string.Empty;
        var c = p[i];
        if (c == '\0')
        {
            return $"NUL at {i} is not allowed in a pattern.";
        }

        if (char.IsHighSurrogate(c) && i + 1 < p.Length && char.IsLowSurrogate(p[i + 1]))
        {
            text = p.Substring(i, 2);
            i += 2;
            return null;
        }

        if (char.IsSurrogate(c))
        {
            return $"Unpaired surrogate at {i}.";
        }

        text = c.ToString();
        i++;
        return null;
    }

    private static string? ReadEscape(string p, ref int i, out char literal)
    {
        literal = '\0';
        if (i + 1 >= p.Length)
        {
            return "The pattern ends with a lone backslash.";
        }

        var e = p[i + 1];
        i += 2;
        switch (e)
        {
            case 'n': literal = '\n'; return null;
            case 't': literal = '\t'; return null;
            case 'r': literal = '\r'; return null;
            case 'f': literal = '\f'; return null;
            case 'v': literal = '\v'; return null;
        }

        if (e < 0x80 && !char.IsAsciiLetterOrDigit(e) && !char.IsWhiteSpace(e) && e >= 0x20)
        {
            literal = e;
            return null;
        }

        return char.IsAsciiLetter(e)
            ? $"'\\{e}' at {i - 2} is not supported (shorthand classes and anchors differ between Python and ClickHouse; use explicit classes like [0-9])."
            : $"'\\{e}' at {i - 2} is not supported (escape only punctuation, or use \\n \\t \\r \\f \\v).";
    }

    private static string? ReadClass(string p, ref int i, List<RegexPiece> list)
    {
        var start = i;
        i++;
        var negated = i < p.Length && p[i] == '^';
        if (negated)
        {
            i++;
        }

        var ranges = new List<(char, char)>();
        var first = true;
        while (true)
        {
            if (i >= p.Length)
            {
                return $"Unterminated character class at {start}.";
            }

            var c = p[i];
            if (c == ']')
            {
                if (first)
                {
                    return $"Empty character class at {start} (escape a literal ']').";
                }

                i++;
                break;
            }

            if (c == '[')
            {
                return $"'[' at {i} inside a class must be escaped.";
            }

            var error = ReadClassChar(p, ref i, out var low);
            if (error is not null)
            {
                return error;
            }

            var high = low;
            if (i + 1 < p.Length && p[i] == '-' && p[i + 1] != ']')
            {
                i++;
                error = ReadClassChar(p, ref i, out high);
                if (error is not null)
                {
                    return error;
                }

                if (high < low)
                {
                    return $"Bad character range at {start}.";
                }
            }

            ranges.Add((low, high));
            first = false;
        }

        list.Add(new(RegexPieceKind.Class, Negated: negated, Ranges: ranges));
        return null;
    }

    private static string? ReadClassChar(string p, ref int i, out char c)
    {
        c = p[i];
        if (c == '\\')
        {
            return ReadEscape(p, ref i, out c);
        }

        if (c == '\0' || char.IsSurrogate(c))
        {
            return $"Character at {i} is not allowed in a class (NUL or outside the Basic Multilingual Plane).";
        }

        if (c == '[')
        {
            return $"'[' at {i} inside a class must be escaped.";
        }

        i++;
        return null;
    }
}
