namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

/// <summary>
/// What Python's <c>re</c> means by <c>\d \w \s</c> and by IGNORECASE, from tables read out of CPython
/// (<see cref="PythonUnicodeTables"/>), so a translated pattern matches exactly the characters Python's does.
/// </summary>
internal static class PythonCharacters
{
    public static readonly CodePointSet Digit = CodePointSet.FromPairs(PythonUnicodeTables.Digit);
    public static readonly CodePointSet Word = CodePointSet.FromPairs(PythonUnicodeTables.Word);
    public static readonly CodePointSet Space = CodePointSet.FromPairs(PythonUnicodeTables.Space);

    private static readonly CodePointSet Cased = CodePointSet.FromPairs(PythonUnicodeTables.Cased);
    private static readonly Dictionary<int, int> LowerMap = Pairs(PythonUnicodeTables.Lower);
    private static readonly CodePointSet HasOtherLower = CodePointSet.Of(LowerMap.Keys.Select(k => (k, k)));
    private static readonly Dictionary<int, int[]> ExtraCases = Extras(PythonUnicodeTables.ExtraCases);

    public static int Lower(int codePoint) => LowerMap.TryGetValue(codePoint, out var lower) ? lower : codePoint;

    public static bool IsCased(int codePoint) => Cased.Contains(codePoint);

    /// <summary>
    /// The characters an IGNORECASE set matches: those whose lowercase is among the members' lowercases and re's
    /// extra equivalents (plus the category members), as CPython's IN_UNI_IGNORE checks; unchanged when no member is cased.
    /// </summary>
    public static CodePointSet IgnoreCase(CodePointSet members, CodePointSet categories)
    {
        if (!members.CodePoints().Any(IsCased))
        {
            return members.Union(categories);
        }

        var lowered = new List<(int, int)>();
        foreach (var c in members.CodePoints())
        {
            var lower = Lower(c);
            lowered.Add((lower, lower));
            if (ExtraCases.TryGetValue(lower, out var extras))
            {
                lowered.AddRange(extras.Select(e => (e, e)));
            }
        }

        var target = CodePointSet.Of(lowered).Union(categories);

        // x matches when Lower(x) is in the target: itself for most characters, its lowercase for the mapped ones.
        var mapped = LowerMap.Where(kv => target.Contains(kv.Value)).Select(kv => (kv.Key, kv.Key));
        return target.Except(HasOtherLower).Union(CodePointSet.Of(mapped));
    }

    private static Dictionary<int, int> Pairs(int[] flat)
    {
        var map = new Dictionary<int, int>(flat.Length / 2);
        for (var i = 0; i < flat.Length; i += 2)
        {
            map[flat[i]] = flat[i + 1];
        }

        return map;
    }

    private static Dictionary<int, int[]> Extras(int[] flat)
    {
        var map = new Dictionary<int, int[]>();
        for (var i = 0; i < flat.Length;)
        {
            var count = flat[i + 1];
            map[flat[i]] = flat[(i + 2)..(i + 2 + count)];
            i += 2 + count;
        }

        return map;
    }
}
