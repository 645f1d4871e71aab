using System.Globalization;

namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;
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
public static partial class RegexSubset
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
}
