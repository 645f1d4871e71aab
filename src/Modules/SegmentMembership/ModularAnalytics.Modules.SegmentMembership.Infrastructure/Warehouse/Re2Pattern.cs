using System.Globalization;
using System.Text;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

/// <summary>
/// Renders a <see cref="RegexSubset"/> pattern for ClickHouse's <c>match</c> (RE2, UTF-8) with Python's
/// <c>re.match</c> meaning: anchored at the start, <c>.</c> excluding newline (ClickHouse turns on dot-matches-newline),
/// and <c>$</c> also accepting one final newline.
/// </summary>
internal static class Re2Pattern
{
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
                        sb.Append(piece.Text);
                    }
                    else
                    {
                        Append(sb, piece.Text[0]);
                    }

                    break;
                case RegexPieceKind.AnyChar:
                    sb.Append(@"[^\n]");
                    break;
                case RegexPieceKind.Digit:
                    sb.Append(@"\p{Nd}");
                    break;
                case RegexPieceKind.Class:
                    sb.Append('[');
                    if (piece.Negated)
                    {
                        sb.Append('^');
                    }

                    foreach (var (low, high) in piece.Ranges!)
                    {
                        Append(sb, low);
                        if (high != low)
                        {
                            sb.Append('-');
                            Append(sb, high);
                        }
                    }

                    sb.Append(']');
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
                    sb.Append(@"(?:\n?\z)");
                    break;
            }
        }

        return sb.Append(')').ToString();
    }

    private static void Append(StringBuilder sb, char c)
    {
        if (char.IsAsciiLetterOrDigit(c) || (c > 0x7f && !char.IsControl(c)))
        {
            sb.Append(c);
        }
        else if (c < 0x20 || c == 0x7f || (c > 0x7f && char.IsControl(c)))
        {
            sb.Append(@"\x{").Append(((int)c).ToString("X", CultureInfo.InvariantCulture)).Append('}');
        }
        else if (c == ' ')
        {
            sb.Append(' ');
        }
        else
        {
            sb.Append('\\').Append(c);
        }
    }
}
