using System.Text.RegularExpressions;

namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

/// <summary>
/// A semantic version as Python's <c>semver</c> 3 parses and orders it: MAJOR.MINOR.PATCH without leading zeros, optional
/// pre-release and build; build is ignored when comparing; pre-release identifiers compare numerically when all-digit,
/// digits sort before letters, and a shorter identifier list sorts first. Two deliberate narrowings of Python's
/// <c>\d</c>: only ASCII digits are digits. Python's <c>$</c> also accepts one trailing newline, kept here.
/// </summary>
public sealed partial record SemanticVersion(string Major, string Minor, string Patch, string? Prerelease, string? Build) : IComparable<SemanticVersion>
{
    public static bool TryParse(string text, out SemanticVersion version)
    {
        version = null!;
        if (text.EndsWith('\n'))
        {
            text = text[..^1];
        }

        var m = Pattern().Match(text);
        if (!m.Success)
        {
            return false;
        }

        version = new SemanticVersion(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value,
            m.Groups[4].Success ? m.Groups[4].Value : null, m.Groups[5].Success ? m.Groups[5].Value : null);
        return true;
    }

    public int CompareTo(SemanticVersion? other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var c = CompareNumber(Major, other.Major);
        c = c != 0 ? c : CompareNumber(Minor, other.Minor);
        c = c != 0 ? c : CompareNumber(Patch, other.Patch);
        if (c != 0)
        {
            return c;
        }

        if (Prerelease is null || other.Prerelease is null)
        {
            return (Prerelease is null ? 1 : 0) - (other.Prerelease is null ? 1 : 0);
        }

        var a = Prerelease.Split('.');
        var b = other.Prerelease.Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var an = a[i].All(char.IsAsciiDigit);
            var bn = b[i].All(char.IsAsciiDigit);
            c = an && bn ? CompareNumber(a[i], b[i])
                : an ? -1
                : bn ? 1
                : Math.Sign(string.CompareOrdinal(a[i], b[i]));
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    // Why by length first: numbers have no leading zeros, so this orders them without overflow.
    private static int CompareNumber(string a, string b) =>
        a.Length != b.Length ? a.Length.CompareTo(b.Length) : Math.Sign(string.CompareOrdinal(a, b));

    [GeneratedRegex(@"\A(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-((?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
