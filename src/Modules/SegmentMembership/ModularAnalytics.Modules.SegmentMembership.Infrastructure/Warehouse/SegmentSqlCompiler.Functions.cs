using System.Globalization;
using System.Numerics;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

/// <summary>The SQL spellings of Python's and semver's arithmetic the conditions rely on.</summary>
internal sealed partial class SegmentSqlCompiler
{
    // Ends in \n? because Python's $ also accepts one final newline (RE2's does not).
    private const string SemverPattern =
        @"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-((0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(\+[0-9a-zA-Z-]+(\.[0-9a-zA-Z-]+)*)?\n?$";

    /// <summary>
    /// A string whose byte order is the numeric order of arbitrarily large integers: sign, then length (complemented
    /// for negatives), then digits (complemented for negatives). The SQL twin is <see cref="IntegerKey(string)"/>.
    /// </summary>
    internal static string IntegerKey(BigInteger value)
    {
        var magnitude = BigInteger.Abs(value).ToString(CultureInfo.InvariantCulture);
        return value.Sign < 0
            ? "0" + (9999999999L - magnitude.Length).ToString("D10", CultureInfo.InvariantCulture)
                + string.Concat(magnitude.Select(d => (char)('9' - d + '0')))
            : "1" + magnitude.Length.ToString("D10", CultureInfo.InvariantCulture) + magnitude;
    }

    private static string IntegerKey(string canonical) =>
        $"if(startsWith({canonical}, '-'), concat('0', leftPad(toString(10000000000 - length({canonical})), 10, '0'), translate(substring({canonical}, 2), '0123456789', '9876543210')), concat('1', leftPad(toString(length({canonical})), 10, '0'), {canonical}))";

    /// <summary>Python's <c>str(int(s))</c> for a string of optional '-' and digits.</summary>
    private static string CanonicalInteger(string s)
    {
        var magnitude = $"trimLeft(if(startsWith({s}, '-'), substring({s}, 2), {s}), '0')";
        return $"if({magnitude} = '', '0', concat(if(startsWith({s}, '-'), '-', ''), {magnitude}))";
    }

    /// <summary>Python's <c>x % d == r</c> over a non-NULL Float64 <paramref name="x"/>.</summary>
    private string FloatModulo(string x, double divisor, double remainder)
    {
        var d = FloatParam(divisor);
        var r = FloatParam(remainder);
        var folded = double.IsInfinity(divisor) ? "abs(x)" : ExactFmod(Math.Abs(divisor));

        // Python's %: fmod's result (sign of x) moved into the divisor's sign when non-zero.
        var python = $"arrayElement(arrayMap(q -> if(q != 0 AND ((q < 0) != ({d} < 0)), q + {d}, q), [{Let(["f"], [folded], "if(x < 0, -f, f)")}]), 1)";
        return $"arrayElement(arrayMap(x -> isFinite(x) AND {python} = {r}, [{x}]), 1)";
    }

    /// <summary>
    /// fmod(abs(x), divisor), exactly, over the integer mantissas (ClickHouse's float modulo is not exact): with
    /// |x| = mx·2^ex and divisor = md·2^ed, the remainder is (mx·2^(ex−ed) mod md)·2^ed, the power taken by modular
    /// exponentiation in UInt128; when ex &lt; ed it is (mx mod md·2^(ed−ex))·2^ex. Every product and scaling is exact.
    /// </summary>
    private static string ExactFmod(double divisor)
    {
        var (md, ed) = Decompose(divisor);
        var squares = new ulong[12];
        var b = (ulong)(2 % md);
        for (var j = 0; j < squares.Length; j++)
        {
            squares[j] = b;
            b = (ulong)((UInt128)b * b % md);
        }

        var table = "[" + string.Join(", ", squares.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]::Array(UInt64)";
        var mdSql = md.ToString(CultureInfo.InvariantCulture) + "::UInt64";
        var edSql = ed.ToString(CultureInfo.InvariantCulture);
        var power = $"arrayFold((acc, j) -> if(bitTest(toUInt32(ex - {edSql}), j), acc * toUInt128({table}[j + 1]) % {mdSql}, acc), range(12), toUInt128(1 % {mdSql}))";
        var scaleD = $"{Double(Math.ScaleB(1.0, Math.Max(ed, -1000)))} * {Double(Math.ScaleB(1.0, ed - Math.Max(ed, -1000)))}";
        var aboveDivisor = $"toFloat64(toUInt128(mx % {mdSql}) * {power} % {mdSql}) * {scaleD}";
        var belowDivisor = $"if({edSql} - ex >= 64, abs(x), toFloat64(toUInt128(mx) % (toUInt128({mdSql}) * bitShiftLeft(toUInt128(1), toUInt32({edSql} - ex)))) * {Pow2("greatest(ex, -1000)")} * {Pow2("ex - greatest(ex, -1000)")})";
        var bits = "reinterpretAsUInt64(abs(x))";
        return Let(["mx", "ex"],
            [$"if(bitShiftRight({bits}, 52) = 0, bitAnd({bits}, 4503599627370495), bitAnd({bits}, 4503599627370495) + 4503599627370496)",
             $"if(bitShiftRight({bits}, 52) = 0, -1074, toInt32(bitShiftRight({bits}, 52)) - 1075)"],
            $"if(ex >= {edSql}, {aboveDivisor}, {belowDivisor})");
    }

    private static (ulong Mantissa, int Exponent) Decompose(double positive)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(positive);
        var field = (int)(bits >> 52);
        var fraction = bits & 0xFFFFFFFFFFFFFUL;
        return field == 0 ? (fraction, -1074) : (fraction | (1UL << 52), field - 1075);
    }

    // A constant the compiler computed; spelled as its bit pattern so no float parser can round it.
    private static string Double(double value) =>
        $"reinterpretAsFloat64({BitConverter.DoubleToInt64Bits(value).ToString(CultureInfo.InvariantCulture)}::UInt64)";

    /// <summary>A float from a rule, bound as its bit pattern: ClickHouse reads some literals (e.g. 5e-324) inexactly.</summary>
    private string FloatParam(double value) =>
        $"reinterpretAsFloat64({Param("UInt64", unchecked((ulong)BitConverter.DoubleToInt64Bits(value)))})";

    private static string Pow2(string exponent) => $"reinterpretAsFloat64(bitShiftLeft(toUInt64({exponent} + 1023), 52))";

    /// <summary>Python's repr(float) in one expression; lambdas bind the intermediate strings (see <see cref="Let"/>).</summary>
    private static string FloatRepr(string f)
    {
        var positional = "multiIf(pt <= 0, concat('0.', repeat('0', toUInt32(greatest(-pt, 0))), dig), " +
            "pt >= length(dig), concat(dig, repeat('0', toUInt32(greatest(pt - toInt32(length(dig)), 0))), '.0'), " +
            "concat(substring(dig, 1, toUInt32(greatest(pt, 1))), '.', substring(dig, toUInt32(greatest(pt, 1)) + 1)))";

        // Python pads the exponent to two digits and never truncates it (leftPad would: 1e+100 is not 1e+10).
        var scientific = "concat(substring(dig, 1, 1), if(length(dig) > 1, concat('.', substring(dig, 2)), ''), 'e', if(pt - 1 < 0, '-', '+'), if(abs(pt - 1) < 10, '0', ''), toString(abs(pt - 1)))";
        var body = $"multiIf(dig = '', '0.0', pt > -4 AND pt <= 16, {positional}, {scientific})";
        var digits = Let(["dig", "pt"], ["trimRight(trimLeft(raw, '0'), '0')", "toInt32(length(ip)) + ex - toInt32(length(raw) - length(trimLeft(raw, '0')))"],
            $"concat(if(startsWith(txt, '-'), '-', ''), {body})");
        var parts = Let(["ip", "raw"], ["splitByChar('.', man)[1]", "concat(splitByChar('.', man)[1], if(position(man, '.') > 0, splitByChar('.', man)[2], ''))"], digits);
        var mantissa = Let(["man", "ex"], ["splitByChar('e', u)[1]", "if(position(u, 'e') > 0, toInt32OrZero(splitByChar('e', u)[2]), 0)"], parts);
        var text = Let(["txt"], [$"toString({f})"], Let(["u"], ["if(startsWith(txt, '-'), substring(txt, 2), txt)"], mantissa));
        return $"multiIf(isNaN({f}), 'nan', isInfinite({f}), if({f} > 0, 'inf', '-inf'), {text})";
    }

    /// <summary>
    /// <c>let names = values in body</c> as <c>arrayMap((names) -> body, [value], ...)[1]</c>: binds a value computed
    /// once per row where repeating its text would make ClickHouse analyse it many times over.
    /// </summary>
    private static string Let(string[] names, string[] values, string body) =>
        $"arrayElement(arrayMap(({string.Join(", ", names)}) -> {body}, {string.Join(", ", values.Select(v => "[" + v + "]"))}), 1)";

    /// <summary>
    /// A <c>:semver</c> condition: only strings that parse as semantic versions can match. The version's parts are
    /// per-row columns shared by every condition on the operand; pre-releases are only compared when the cores tie.
    /// </summary>
    private string Semver(SegmentOperator op, Operand o, string text)
    {
        if (o.S is null)
        {
            return "0";
        }

        var raw = $"ifNull({o.S}, '')";
        var ok = DerivedColumn($"match({raw}, {Param("String", SemverPattern)})");
        if (op == SegmentOperator.Contains)
        {
            var input = SemverInput(raw);
            // Python's `x in Version` iterates (major, minor, patch, prerelease, build); only the strings can equal x.
            var pre = DerivedColumn($"if({ok}, {SemverPre(input)}, '')");
            var build = DerivedColumn($"if({ok} AND position({input}, '+') > 0, substring({input}, position({input}, '+') + 1), '')");
            var t = Param("String", text);
            return All([ok, $"(({pre} != '' AND {pre} = {t}) OR ({build} != '' AND {build} = {t}))"]);
        }

        if (!SemanticVersion.TryParse(text, out var version))
        {
            return "0";
        }

        // Why plain columns rather than if(ok, …): work inside a lazily evaluated branch is not shared, so every use of a
        // part there would split the string again; unparsed rows get meaningless parts that `ok` rules out.
        var end = $"multiSearchFirstPosition({raw}, ['+', '\\n'])";
        var head = DerivedColumn($"if({end} = 0, {raw}, substring({raw}, 1, {end} - 1))");
        var dash = $"position({head}, '-')";
        var parts = DerivedColumn($"splitByChar('.', if({dash} = 0, {head}, substring({head}, 1, {dash} - 1)))");
        var core = DerivedColumn(SemverCore(parts));
        var prerelease = DerivedColumn($"if({dash} = 0, '', substring({head}, {dash} + 1))");
        var literalCore = Param("String", SemverCore(version));
        var literalPre = Param("String", version.Prerelease ?? string.Empty);
        var cmp = Comparison(op);
        var ordered = op is SegmentOperator.Equal or SegmentOperator.NotEqual
            ? $"({core} {cmp} {literalCore} {(op == SegmentOperator.Equal ? "AND" : "OR")} {prerelease} {cmp} {literalPre})"
            : $"if({core} != {literalCore}, {core} {cmp} {literalCore}, {SemverPreKey(prerelease)} {cmp} {SemverPreKey(literalPre)})";
        return All([ok, ordered]);
    }

    // Python's `$` in semver's pattern also accepts one final newline.
    private static string SemverInput(string s) => $"if(endsWith({s}, '\\n'), substring({s}, 1, length({s}) - 1), {s})";

    private static string SemverPre(string s)
    {
        var core = $"splitByChar('+', {s})[1]";
        return $"if(position({core}, '-') > 0, substring({core}, position({core}, '-') + 1), '')";
    }

    /// <summary>
    /// Major, minor and patch (the three-element split of the version's core) as one string ordered like the numbers:
    /// each is prefixed by its length as two characters (base 128, so the UTF-8 bytes sort like the length), which
    /// orders correctly because the grammar allows no leading zeros. The C# twin is <see cref="SemverCore(SemanticVersion)"/>.
    /// </summary>
    private static string SemverCore(string parts) =>
        "concat(" + string.Join(", ", Enumerable.Range(1, 3).Select(i => $"char(intDiv(length({parts}[{i}]), 128), length({parts}[{i}]) % 128), {parts}[{i}]")) + ")";

    private static string SemverCore(SemanticVersion version) =>
        string.Concat(new[] { version.Major, version.Minor, version.Patch }.Select(n => $"{(char)(n.Length / 128)}{(char)(n.Length % 128)}{n}"));

    /// <summary>Orders pre-releases like semver: none above any, then identifiers numeric-first, numbers by value.</summary>
    private static string SemverPreKey(string pre) =>
        $"tuple({pre} = '', arrayMap(x -> tuple(NOT {AllDigits("x")}, if({AllDigits("x")}, length(x), 0), x), splitByChar('.', {pre})))";

    /// <summary>Python's fullmatch <c>[0-9]+</c>.</summary>
    private static string AllDigits(string s) => $"({s} != '' AND trimBoth({s}, '0123456789') = '')";
}
