namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

/// <summary>A set of Unicode scalar values (surrogates never included) as sorted, disjoint, non-adjacent ranges.</summary>
public sealed class CodePointSet
{
    public const int MaxCodePoint = 0x10FFFF;

    private readonly (int Low, int High)[] _ranges;

    private CodePointSet((int Low, int High)[] ranges)
    {
        _ranges = ranges;
    }

    public static CodePointSet Empty { get; } = new([]);

    public static CodePointSet All { get; } = Of([(0, MaxCodePoint)]);

    public IReadOnlyList<(int Low, int High)> Ranges => _ranges;

    public bool IsEmpty => _ranges.Length == 0;

    public static CodePointSet Single(int codePoint) => Of([(codePoint, codePoint)]);

    /// <summary>From a flat array of inclusive (low, high) pairs, as the generated tables hold them.</summary>
    internal static CodePointSet FromPairs(int[] pairs)
    {
        var ranges = new (int, int)[pairs.Length / 2];
        for (var i = 0; i < ranges.Length; i++)
        {
            ranges[i] = (pairs[2 * i], pairs[(2 * i) + 1]);
        }

        return Of(ranges);
    }

    public static CodePointSet Of(IEnumerable<(int Low, int High)> ranges)
    {
        var sorted = ranges.Where(r => r.Low <= r.High).OrderBy(r => r.Low).ToList();
        var merged = new List<(int Low, int High)>(sorted.Count + 1);
        foreach (var (low, high) in sorted)
        {
            if (merged.Count > 0 && low <= merged[^1].High + 1)
            {
                merged[^1] = (merged[^1].Low, Math.Max(merged[^1].High, high));
            }
            else
            {
                merged.Add((low, high));
            }
        }

        // Surrogates are not characters of a UTF-8 string: keep them out so every engine sees the same set.
        var result = new List<(int, int)>(merged.Count + 1);
        foreach (var (low, high) in merged)
        {
            if (high < 0xD800 || low > 0xDFFF)
            {
                result.Add((low, high));
                continue;
            }

            if (low < 0xD800)
            {
                result.Add((low, 0xD7FF));
            }

            if (high > 0xDFFF)
            {
                result.Add((0xE000, high));
            }
        }

        return new CodePointSet([.. result]);
    }

    public CodePointSet Union(CodePointSet other) => Of(_ranges.Concat(other._ranges));

    public CodePointSet Complement()
    {
        var result = new List<(int, int)>(_ranges.Length + 1);
        var next = 0;
        foreach (var (low, high) in _ranges)
        {
            if (low > next)
            {
                result.Add((next, low - 1));
            }

            next = high + 1;
        }

        if (next <= MaxCodePoint)
        {
            result.Add((next, MaxCodePoint));
        }

        return Of(result);
    }

    public CodePointSet Except(CodePointSet other) => Complement().Union(other).Complement();

    public bool Contains(int codePoint)
    {
        int lo = 0, hi = _ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (codePoint < _ranges[mid].Low)
            {
                hi = mid - 1;
            }
            else if (codePoint > _ranges[mid].High)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerable<int> CodePoints() => _ranges.SelectMany(r => Enumerable.Range(r.Low, r.High - r.Low + 1));
}
