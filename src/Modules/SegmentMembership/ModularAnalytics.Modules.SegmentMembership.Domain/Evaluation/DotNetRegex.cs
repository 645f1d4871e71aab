using System.Globalization;
using System.Text;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Domain.Evaluation;

/// <summary>
/// Renders a <see cref="RegexSubset"/> pattern for .NET so it means what Python's <c>re.match</c> means: anchored at
/// the start, <c>.</c> never matching a newline, and — since .NET matches UTF-16 units where Python matches code
/// points — a surrogate pair treated as one character by <c>.</c>, negated classes and literals.
/// </summary>
internal static class DotNetRegex
{
    private const string SurrogatePair = @"[\uD800-\uDBFF][\uDC00-\uDFFF]";

    // Why: .NET's \p{Nd} sees UTF-16 units, so digits beyond the BMP are spelled out as surrogate pairs.
    private static readonly Lazy<string> AstralDigits = new(() =>
    {
        var sb = new StringBuilder();
        for (var cp = 0x10000; cp <= 0x10FFFF; cp++)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(cp) == UnicodeCategory.DecimalDigitNumber)
            {
                var pair = char.ConvertFromUtf32(cp);
                sb.Append('|').Append(Escape(pair[0])).Append(Escape(pair[1]));
            }
        }

        return sb.ToString();
    });

    public static string Render(IReadOnlyList<RegexPiece> pieces)
    {
        var sb = new StringBuilder(@"\A(?:");
        foreach (var piece in pieces)
        {
            switch (piece.Kind)
            {
                case RegexPieceKind.Literal:
                    if (piece.Text.Length == 2)
                    {
                        sb.Append("(?:").Append(Escape(piece.Text[0])).Append(Escape(piece.Text[1])).Append(')');
                    }
                    else
                    {
                        sb.Append(Escape(piece.Text[0]));
                    }

                    break;
                case RegexPieceKind.AnyChar:
                    sb.Append("(?:").Append(SurrogatePair).Append(@"|[^\n\uD800-\uDFFF])");
                    break;
                case RegexPieceKind.Digit:
                    sb.Append(@"(?:\p{Nd}").Append(AstralDigits.Value).Append(')');
                    break;
                case RegexPieceKind.Class:
                    var ranges = new StringBuilder();
                    foreach (var (low, high) in piece.Ranges!)
                    {
                        ranges.Append(Escape(low));
                        if (high != low)
                        {
                            ranges.Append('-').Append(Escape(high));
                        }
                    }

                    if (piece.Negated)
                    {
                        sb.Append("(?:").Append(SurrogatePair).Append("|[^").Append(ranges).Append(@"\uD800-\uDFFF])");
                    }
                    else
                    {
                        sb.Append('[').Append(ranges).Append(@"-[\uD800-\uDFFF]]");
                    }

                    break;
                case RegexPieceKind.GroupOpen:
                    sb.Append("(?:");
                    break;
                case RegexPieceKind.GroupClose:
                    sb.Append(')');
                    break;
                case RegexPieceKind.Alternation:
                    sb.Append('|');
                    break;
                case RegexPieceKind.Quantifier:
                    sb.Append(piece.Text);
                    break;
                case RegexPieceKind.StartAnchor:
                    sb.Append(@"\A");
                    break;
                case RegexPieceKind.EndAnchor:
                    // Python's $ also matches before a final newline; it only ever ends an alternative here.
                    sb.Append(@"(?:\n?\z)");
                    break;
            }
        }

        return sb.Append(')').ToString();
    }

    private static string Escape(char c) =>
        char.IsAsciiLetterOrDigit(c) || (c > 0x7f && !char.IsSurrogate(c) && !char.IsWhiteSpace(c) && !char.IsControl(c))
            ? c.ToString()
            : @"\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
}
