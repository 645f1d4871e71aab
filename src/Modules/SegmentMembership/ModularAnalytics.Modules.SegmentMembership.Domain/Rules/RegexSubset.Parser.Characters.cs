using System.Globalization;

namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

/// <summary>The parser's characters: literals, escapes and classes, resolved to the code points Python matches.</summary>
public static partial class RegexSubset
{
    private sealed partial class Parser
    {
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
