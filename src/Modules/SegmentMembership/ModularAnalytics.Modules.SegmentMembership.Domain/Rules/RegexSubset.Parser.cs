using System.Globalization;

namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

/// <summary>The recursive-descent parser: the pattern's structure (groups, flags, alternation, quantifiers).</summary>
public static partial class RegexSubset
{
    private sealed partial class Parser(string p)
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
    }
}
