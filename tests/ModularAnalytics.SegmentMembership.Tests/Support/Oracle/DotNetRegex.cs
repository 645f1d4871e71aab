using System.Globalization;
using System.Text;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.SegmentMembership.Tests.Support.Oracle;

/// <summary>
/// Renders a <see cref="RegexSubset"/> pattern for .NET so it means what Python's <c>re.match</c> means: anchored at
/// the start, each character set spelled out as the exact code points it holds — and, since .NET matches UTF-16 units
/// where Python matches code points, characters beyond the BMP as surrogate pairs.
/// </summary>
internal static class DotNetRegex
{
    public static string Render(IReadOnlyList<RegexPiece> pieces) => RegexSubset.Render(pieces, Set);

    private static string Set(CodePointSet set)
    {
        var bmp = new StringBuilder();
        var astral = new List<string>();
        foreach (var (low, high) in set.Ranges)
        {
            if (low <= 0xFFFF)
            {
                bmp.Append(Unit(low));
                if (Math.Min(high, 0xFFFF) != low)
                {
                    bmp.Append('-').Append(Unit(Math.Min(high, 0xFFFF)));
                }
            }

            if (high > 0xFFFF)
            {
                Astral(Math.Max(low, 0x10000), high, astral);
            }
        }

        var units = bmp.Length == 0 ? @"[^\u0000-\uFFFF]" : "[" + bmp + "]";
        return astral.Count == 0 ? units : "(?:" + units + "|" + string.Join('|', astral) + ")";
    }

    /// <summary>The surrogate pairs of the code points low..high (all beyond the BMP).</summary>
    private static void Astral(int low, int high, List<string> alternatives)
    {
        int Hi(int c) => 0xD800 + ((c - 0x10000) >> 10);
        int Lo(int c) => 0xDC00 + ((c - 0x10000) & 0x3FF);
        string Range(int a, int b) => a == b ? Unit(a) : "[" + Unit(a) + "-" + Unit(b) + "]";

        if (Hi(low) == Hi(high))
        {
            alternatives.Add(Unit(Hi(low)) + Range(Lo(low), Lo(high)));
            return;
        }

        alternatives.Add(Unit(Hi(low)) + Range(Lo(low), 0xDFFF));
        if (Hi(low) + 1 <= Hi(high) - 1)
        {
            alternatives.Add(Range(Hi(low) + 1, Hi(high) - 1) + Range(0xDC00, 0xDFFF));
        }

        alternatives.Add(Unit(Hi(high)) + Range(0xDC00, Lo(high)));
    }

    private static string Unit(int c) =>
        c < 0x80 && char.IsAsciiLetterOrDigit((char)c) ? ((char)c).ToString() : @"\u" + c.ToString("X4", CultureInfo.InvariantCulture);
}
