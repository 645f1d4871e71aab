using System.Globalization;
using System.Text;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

/// <summary>
/// Renders a <see cref="RegexSubset"/> pattern for ClickHouse's <c>match</c> (RE2, UTF-8) with Python's
/// <c>re.match</c> meaning: anchored at the start, every character set spelled out as the exact code points Python's
/// pattern matches (so neither RE2's flags nor its idea of <c>\w</c> or of case come into play), and <c>$</c> also
/// accepting one final newline.
/// </summary>
internal static class Re2Pattern
{
    public static string Render(IReadOnlyList<RegexPiece> pieces) => RegexSubset.Render(pieces, Set);

    private static string Set(CodePointSet set)
    {
        if (set.Ranges is [var (first, last)] && first == last)
        {
            return Escape(first);
        }

        if (set.IsEmpty)
        {
            return @"[^\x{0}-\x{10FFFF}]";
        }

        var sb = new StringBuilder("[");
        foreach (var (low, high) in set.Ranges)
        {
            sb.Append(Escape(low));
            if (high != low)
            {
                sb.Append('-').Append(Escape(high));
            }
        }

        return sb.Append(']').ToString();
    }

    private static string Escape(int codePoint) =>
        codePoint < 0x80 && char.IsAsciiLetterOrDigit((char)codePoint)
            ? ((char)codePoint).ToString()
            : @"\x{" + codePoint.ToString("X", CultureInfo.InvariantCulture) + "}";
}
