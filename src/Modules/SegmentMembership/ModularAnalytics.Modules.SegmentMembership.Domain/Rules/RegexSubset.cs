using System.Globalization;

namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

public enum RegexPieceKind
{
    /// <summary>One character from <see cref="RegexPiece.Set"/>: a literal, <c>.</c>, a class or a shorthand, flags applied.</summary>
    Set,
    GroupOpen,
    GroupClose,
    Alternation,
    Quantifier,

    /// <summary><c>^</c> or <c>\A</c>: the start of the text.</summary>
    TextStart,

    /// <summary><c>$</c> without MULTILINE: the end, or before a final newline (only last in a top-level alternative).</summary>
    EndAnchor,

    /// <summary><c>^</c> under MULTILINE: the start or after a newline.</summary>
    LineStart,

    /// <summary><c>$</c> under MULTILINE: the end or before a newline.</summary>
    LineEnd,

    /// <summary><c>\Z</c>: the very end of the text.</summary>
    TextEnd,
}

/// <summary>One element of a parsed pattern. Character-matching elements carry their exact set of code points.</summary>
public sealed record RegexPiece(RegexPieceKind Kind, string Text = "", CodePointSet? Set = null);

/// <summary>
/// Python's <c>re</c> syntax as REGEX conditions accept it, parsed into pieces whose meaning is fixed here, so that the
/// renderings for RE2 (the warehouse) and .NET (the evaluator) match what Python's <c>re.match</c> matches: literals
/// and escapes, <c>.</c>, classes, <c>\d \D \w \W \s \S</c> as Python's Unicode sets (read out of CPython), the flags
/// <c>(?i) (?s) (?m)</c> (global at the start, or scoped <c>(?i:…)</c>), groups (capturing, named, non-capturing),
/// alternation, greedy and lazy quantifiers with counts up to 1000 nested within RE2's repetition budget, and the
/// anchors <c>^ $ \A \Z</c>. Refused, because RE2 cannot express their meaning: back-references, look-arounds, <c>\b \B</c>
/// (Python's word boundary is Unicode, RE2's ASCII), possessive quantifiers, atomic groups, and the flags a, L, x.
/// Matching follows <c>re.match</c>: anchored at the start only.
/// </summary>
public static class RegexSubset
{
    public const int MaxPatternLength = 1000;
    public const int MaxRepeat = 1000;

    public static bool TryParse(string pattern, out IReadOnlyList<RegexPiece> pieces, out string? error)
    {
        var parser = new Parser(pattern);
        error = parser.Run();
        pieces = parser.Pieces;
        error ??= RepetitionBudget(parser.Pieces);
        return error is null;
    }

    /// <summary>
    /// The pattern for an engine, anchored at the start like <c>re.match</c>; engines differ only in how they spell a
    /// set of code points (<paramref name="set"/>). Python's <c>$</c> also matches before a final newline; without
    /// <c>(?m)</c> it only ever ends an alternative here, so it can consume that newline.
    /// </summary>
    public static string Render(IReadOnlyList<RegexPiece> pieces, Func<CodePointSet, string> set)
    {
        var sb = new System.Text.StringBuilder(@"\A(?:");
        foreach (var piece in pieces)
        {
            sb.Append(piece.Kind switch
            {
                RegexPieceKind.Set => set(piece.Set!),
                RegexPieceKind.GroupOpen => "(?:",
                RegexPieceKind.GroupClose => ")",
                RegexPieceKind.Alternation => "|",
                RegexPieceKind.Quantifier => piece.Text,
                RegexPieceKind.TextStart => @"\A",
                RegexPieceKind.EndAnchor => @"(?:\n?\z)",
                RegexPieceKind.LineStart => "(?m:^)",
                RegexPieceKind.LineEnd => "(?m:$)",
                RegexPieceKind.TextEnd => @"\z",
                _ => throw new ArgumentOutOfRangeException(nameof(pieces), piece.Kind, null),
            });
        }

        return sb.Append(')').ToString();
    }

    [Flags]
    private enum Flags
    {
        None = 0,
        IgnoreCase = 1,
        DotAll = 2,
        MultiLine = 4,
    }

    /// <summary>
    /// RE2's limit on nested counted repetition: starting from 1000, each enclosing <c>{n,m}</c> divides what is left
    /// by m (n when unbounded), and RE2 refuses the pattern when that reaches 0.
    /// </summary>
    private static string? RepetitionBudget(IReadOnlyList<RegexPiece> pieces)
    {
        var position = 0;
        return Walk(pieces, ref position, MaxRepeat) == 0
            ? $"Nested repetition counts exceed the warehouse engine's (RE2) limit: their product must stay within {MaxRepeat}."
            : null;
    }

    private static int Walk(IReadOnlyList<RegexPiece> pieces, ref int i, int budget)
    {
        var least = budget;
        while (i < pieces.Count && pieces[i].Kind != RegexPieceKind.GroupClose)
        {
            var piece = pieces[i++];
            if (piece.Kind == RegexPieceKind.GroupOpen)
            {
                var close = MatchingClose(pieces, i);
                var count = close + 1 < pieces.Count ? RepeatCount(pieces[close + 1]) : 0;
                var inner = i;
                least = Math.Min(least, Walk(pieces, ref inner, count > 0 ? budget / count : budget));
                i = close + 1;
            }
            else if (piece.Kind == RegexPieceKind.Set && i < pieces.Count && RepeatCount(pieces[i]) is > 0 and var count)
            {
                least = Math.Min(least, budget / count);
            }
        }

        return least;
    }

    private static int MatchingClose(IReadOnlyList<RegexPiece> pieces, int i)
    {
        for (var depth = 1; ; i++)
        {
            depth += pieces[i].Kind switch { RegexPieceKind.GroupOpen => 1, RegexPieceKind.GroupClose => -1, _ => 0 };
            if (depth == 0)
            {
                return i;
            }
        }
    }

    private static int RepeatCount(RegexPiece piece)
    {
        if (piece.Kind != RegexPieceKind.Quantifier || piece.Text[0] != '{')
        {
            return 0;
        }

        var inner = piece.Text[1..piece.Text.IndexOf('}')];
        var comma = inner.IndexOf(',');
        var max = comma < 0 ? inner : inner[(comma + 1)..];
        return int.Parse(max.Length > 0 ? max : inner[..comma], CultureInfo.InvariantCulture);
    }

    private sealed class Parser(string p)
    {
        private readonly Stack<Flags> _groupFlags = new();
        private Flags _flags;
        private int _i;

        public List<RegexPiece> Pieces { get; } = [];

        public string? Run()
        {
            if (p.Length > MaxPatternLength)
            {
                return $"The pattern is longer than {MaxPatternLength} characters.";
            }

            while (_i < p.Length)
            {
                var error = Step();
                if (error is not null)
                {
                    return error;
                }
            }

            return _groupFlags.Count != 0 ? "Unbalanced '('." : null;
        }

        private bool Quantifiable => Pieces.Count > 0 && Pieces[^1].Kind is RegexPieceKind.Set or RegexPieceKind.GroupClose;

        private string? Step()
        {
            var c = p[_i];
            switch (c)
            {
                case '(':
                    return OpenGroup();
                case ')':
                    if (_groupFlags.Count == 0)
                    {
                        return $"Unbalanced ')' at {_i}.";
                    }

                    _flags = _groupFlags.Pop();
                    Pieces.Add(new(RegexPieceKind.GroupClose));
                    _i++;
                    return null;
                case '|':
                    Pieces.Add(new(RegexPieceKind.Alternation));
                    _i++;
                    return null;
                case '^':
                    Pieces.Add(new(_flags.HasFlag(Flags.MultiLine) ? RegexPieceKind.LineStart : RegexPieceKind.TextStart));
                    _i++;
                    return null;
                case '$':
                    if (_flags.HasFlag(Flags.MultiLine))
                    {
                        Pieces.Add(new(RegexPieceKind.LineEnd));
                    }
                    else if (_groupFlags.Count != 0 || (_i + 1 < p.Length && p[_i + 1] != '|'))
                    {
                        return $"'$' at {_i}: without (?m) only supported at the end of the pattern or of a top-level alternative.";
                    }
                    else
                    {
                        Pieces.Add(new(RegexPieceKind.EndAnchor));
                    }

                    _i++;
                    return null;
                case '.':
                    Pieces.Add(new(RegexPieceKind.Set, Set: _flags.HasFlag(Flags.DotAll) ? CodePointSet.All : CodePointSet.All.Except(CodePointSet.Single('\n'))));
                    _i++;
                    return null;
                case '*' or '+' or '?':
                    return Quantifier(p[_i].ToString(), _i + 1);
                case '{' when TryReadRepeat(out var text, out var end, out var repeatError):
                    return repeatError ?? Quantifier(text, end);
                case '[':
                    return ReadClass();
                case '\\':
                    return ReadEscapeOutsideClass();
                default:
                {
                    var error = ReadCodePoint(out var cp);
                    if (error is null)
                    {
                        AddLiteral(cp);
                    }

                    return error;
                }
            }
        }

        private string? Quantifier(string text, int end)
        {
            if (!Quantifiable)
            {
                return $"'{p[_i]}' at {_i} has nothing to repeat.";
            }

            _i = end;
            if (_i < p.Length && p[_i] == '?')
            {
                text += "?";
                _i++;
            }
            else if (_i < p.Length && p[_i] == '+')
            {
                return $"Possessive quantifier at {_i} is not supported (RE2 has none).";
            }

            if (_i < p.Length && (p[_i] is '*' or '+' or '?' || (p[_i] == '{' && TryReadRepeat(out _, out _, out _))))
            {
                return $"Multiple repeat at {_i}.";
            }

            Pieces.Add(new(RegexPieceKind.Quantifier, text));
            return null;
        }

        /// <summary>Python reads <c>{n}</c>, <c>{n,}</c>, <c>{,m}</c>, <c>{n,m}</c> as a repeat and any other '{' as a literal.</summary>
        private bool TryReadRepeat(out string text, out int end, out string? error)
        {
            text = string.Empty;
            error = null;
            var close = p.IndexOf('}', _i);
            end = close + 1;
            if (close < 0)
            {
                return false;
            }

            var inner = p[(_i + 1)..close];
            var parts = inner.Split(',');
            if (parts.Length > 2 || !parts.All(x => x.All(char.IsAsciiDigit)) || (parts.Length == 1 && parts[0].Length == 0))
            {
                return false;
            }

            var minText = parts[0].Length == 0 ? "0" : parts[0];
            if (!int.TryParse(minText, NumberStyles.None, CultureInfo.InvariantCulture, out var min) || min > MaxRepeat)
            {
                error = $"Repetition counts are limited to {MaxRepeat} (RE2).";
                return true;
            }

            if (parts.Length == 1)
            {
                text = $"{{{min}}}";
                return true;
            }

            if (parts[1].Length == 0)
            {
                text = $"{{{min},}}";
                return true;
            }

            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max) || max > MaxRepeat)
            {
                error = $"Repetition counts are limited to {MaxRepeat} (RE2).";
            }
            else if (max < min)
            {
                error = $"Repetition {{{inner}}}: min repeat greater than max repeat.";
            }

            text = $"{{{min},{max}}}";
            return true;
        }

        private string? OpenGroup()
        {
            var start = _i;
            _i++;
            var flags = _flags;
            if (_i < p.Length && p[_i] == '?')
            {
                _i++;
                var next = _i < p.Length ? p[_i] : '\0';
                if (next == ':')
                {
                    _i++;
                }
                else if (next == 'P' && _i + 1 < p.Length && p[_i + 1] == '<')
                {
                    var close = p.IndexOf('>', _i);
                    if (close < 0 || close == _i + 2 || !p[(_i + 2)..close].All(ch => ch == '_' || char.IsLetterOrDigit(ch)) || char.IsAsciiDigit(p[_i + 2]))
                    {
                        return $"Bad group name at {start}.";
                    }

                    _i = close + 1;
                }
                else if (next == '#')
                {
                    var close = p.IndexOf(')', _i);
                    if (close < 0)
                    {
                        return $"Unterminated comment at {start}.";
                    }

                    _i = close + 1;
                    return null;
                }
                else if (next is 'i' or 's' or 'm' or 'u' or '-')
                {
                    return ReadFlags(start);
                }
                else
                {
                    return $"'(?{next}' at {start} is not supported: look-arounds, back-references, atomic groups and conditionals have no RE2 equivalent.";
                }
            }

            _groupFlags.Push(flags);
            Pieces.Add(new(RegexPieceKind.GroupOpen));
            return null;
        }

        private string? ReadFlags(int start)
        {
            var on = Flags.None;
            var off = Flags.None;
            var negative = false;
            while (_i < p.Length && p[_i] is not (')' or ':'))
            {
                var flag = p[_i] switch
                {
                    'i' => Flags.IgnoreCase,
                    's' => Flags.DotAll,
                    'm' => Flags.MultiLine,
                    _ => Flags.None,
                };
                if (p[_i] == '-' && !negative)
                {
                    negative = true;
                }
                else if (flag == Flags.None && !(p[_i] == 'u' && !negative))
                {
                    return $"Flag '{p[_i]}' at {_i} is not supported (only i, s, m and u).";
                }
                else if (negative)
                {
                    off |= flag;
                }
                else
                {
                    on |= flag;
                }

                _i++;
            }

            if (_i >= p.Length)
            {
                return $"Missing ')' after the flags at {start}.";
            }

            if (p[_i] == ')')
            {
                // Python 3.11 takes global flags only at the very start of the pattern.
                if (negative || Pieces.Count != 0 || _groupFlags.Count != 0)
                {
                    return $"Global flags at {start}: only allowed at the start of the pattern, and without '-'.";
                }

                _flags |= on;
                _i++;
                return null;
            }

            if (negative && off == Flags.None)
            {
                return $"Missing flag after '-' at {start}.";
            }

            _groupFlags.Push(_flags);
            _flags = (_flags | on) & ~off;
            _i++;
            Pieces.Add(new(RegexPieceKind.GroupOpen));
            return null;
        }

        private void AddLiteral(int cp)
        {
            var set = _flags.HasFlag(Flags.IgnoreCase) ? PythonCharacters.IgnoreCase(CodePointSet.Single(cp), CodePointSet.Empty) : CodePointSet.Single(cp);
            Pieces.Add(new(RegexPieceKind.Set, Set: set));
        }

        private string? ReadEscapeOutsideClass()
        {
            var start = _i;
            if (_i + 1 >= p.Length)
            {
                return "The pattern ends with a lone backslash.";
            }

            var e = p[_i + 1];
            switch (e)
            {
                case 'A':
                    _i += 2;
                    Pieces.Add(new(RegexPieceKind.TextStart));
                    return null;
                case 'Z':
                    _i += 2;
                    Pieces.Add(new(RegexPieceKind.TextEnd));
                    return null;
                case 'b' or 'B':
                    return $"'\\{e}' at {start} is not supported: Python's word boundary is Unicode-aware, RE2's is ASCII-only.";
                case 'd' or 'D' or 'w' or 'W' or 's' or 'S':
                    _i += 2;
                    Pieces.Add(new(RegexPieceKind.Set, Set: Shorthand(e)));
                    return null;
                case >= '1' and <= '9':
                    return $"Back-reference '\\{e}' at {start} is not supported (RE2 has none).";
            }

            var error = ReadEscapedCodePoint(inClass: false, out var cp);
            if (error is null)
            {
                AddLiteral(cp);
            }

            return error;
        }

        private static CodePointSet Shorthand(char e) => e switch
        {
            'd' => PythonCharacters.Digit,
            'D' => PythonCharacters.Digit.Complement(),
            'w' => PythonCharacters.Word,
            'W' => PythonCharacters.Word.Complement(),
            's' => PythonCharacters.Space,
            _ => PythonCharacters.Space.Complement(),
        };

        /// <summary>An escape that stands for one code point: control escapes, \x \u \U, octal, or escaped punctuation.</summary>
        private string? ReadEscapedCodePoint(bool inClass, out int cp)
        {
            var start = _i;
            var e = p[_i + 1];
            _i += 2;
            cp = e switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'f' => '\f',
                'v' => '\v',
                'a' => '\a',
                'b' when inClass => '\b',
                _ => -1,
            };
            if (cp >= 0)
            {
                return null;
            }

            if (e is 'x' or 'u' or 'U')
            {
                var digits = e switch { 'x' => 2, 'u' => 4, _ => 8 };
                if (_i + digits > p.Length || !p.AsSpan(_i, digits).ToString().All(char.IsAsciiHexDigit)
                    || !int.TryParse(p.AsSpan(_i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out cp) || cp > CodePointSet.MaxCodePoint)
                {
                    return $"Bad escape '\\{e}' at {start}.";
                }

                _i += digits;
                return cp is >= 0xD800 and <= 0xDFFF ? $"Surrogate escape at {start} is not supported." : null;
            }

            if (e == '0' || (inClass && e is >= '1' and <= '7'))
            {
                // Octal: up to three digits in all (Python).
                var end = _i - 1;
                while (end < p.Length && end - (_i - 1) < 3 && p[end] is >= '0' and <= '7')
                {
                    end++;
                }

                cp = Convert.ToInt32(p[(_i - 1)..end], 8);
                _i = end;
                return cp > 0xFF ? $"Octal escape at {start} is out of range." : null;
            }

            if (e < 0x80 && !char.IsAsciiLetterOrDigit(e))
            {
                cp = e;
                return null;
            }

            if (e >= 0x80)
            {
                _i -= 1;
                return ReadCodePoint(out cp);
            }

            return $"'\\{e}' at {start} is not supported (not an escape Python's re accepts with a meaning RE2 shares).";
        }

        private string? ReadClass()
        {
            var start = _i;
            _i++;
            var negated = _i < p.Length && p[_i] == '^';
            if (negated)
            {
                _i++;
            }

            var members = new List<(int, int)>();
            var categories = CodePointSet.Empty;
            var first = true;
            while (true)
            {
                if (_i >= p.Length)
                {
                    return $"Unterminated character class at {start}.";
                }

                if (p[_i] == ']' && !first)
                {
                    _i++;
                    break;
                }

                first = false;
                if (p[_i] == '\\' && _i + 1 < p.Length && p[_i + 1] is 'd' or 'D' or 'w' or 'W' or 's' or 'S')
                {
                    categories = categories.Union(Shorthand(p[_i + 1]));
                    _i += 2;
                    if (_i + 1 < p.Length && p[_i] == '-' && p[_i + 1] != ']')
                    {
                        return $"Bad character range at {start}.";
                    }

                    continue;
                }

                var error = ReadClassChar(out var low);
                if (error is not null)
                {
                    return error;
                }

                var high = low;
                if (_i + 1 < p.Length && p[_i] == '-' && p[_i + 1] != ']')
                {
                    _i++;
                    if (p[_i] == '\\' && _i + 1 < p.Length && p[_i + 1] is 'd' or 'D' or 'w' or 'W' or 's' or 'S')
                    {
                        return $"Bad character range at {start}.";
                    }

                    error = ReadClassChar(out high);
                    if (error is not null)
                    {
                        return error;
                    }

                    if (high < low)
                    {
                        return $"Bad character range at {start}.";
                    }
                }

                members.Add((low, high));
            }

            var set = CodePointSet.Of(members);
            if (_flags.HasFlag(Flags.IgnoreCase))
            {
                if (set.Ranges.Any(r => r.High > 0xFFFF))
                {
                    return $"Character class at {start}: case-insensitive classes with characters beyond U+FFFF are not supported.";
                }

                set = PythonCharacters.IgnoreCase(set, categories);
            }
            else
            {
                set = set.Union(categories);
            }

            Pieces.Add(new(RegexPieceKind.Set, Set: negated ? set.Complement() : set));
            return null;
        }

        private string? ReadClassChar(out int cp)
        {
            cp = 0;
            if (p[_i] == '\\')
            {
                if (_i + 1 >= p.Length)
                {
                    return "The pattern ends with a lone backslash.";
                }

                return p[_i + 1] is 'A' or 'Z' or 'B' || (p[_i + 1] is >= '1' and <= '9' && !(p[_i + 1] <= '7'))
                    ? $"Bad escape '\\{p[_i + 1]}' in a class at {_i}."
                    : ReadEscapedCodePoint(inClass: true, out cp);
            }

            return ReadCodePoint(out cp);
        }

        private string? ReadCodePoint(out int cp)
        {
            cp = 0;
            if (char.IsHighSurrogate(p[_i]) && _i + 1 < p.Length && char.IsLowSurrogate(p[_i + 1]))
            {
                cp = char.ConvertToUtf32(p[_i], p[_i + 1]);
                _i += 2;
                return null;
            }

            if (char.IsSurrogate(p[_i]))
            {
                return $"Unpaired surrogate at {_i}.";
            }

            cp = p[_i++];
            return null;
        }
    }
}
