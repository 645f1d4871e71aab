using System.Globalization;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

/// <summary>The SQL spelling of Python's float remainder, exactly.</summary>
internal sealed partial class SegmentSqlCompiler
{
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

    /// <summary>
    /// <c>let names = values in body</c> as <c>arrayMap((names) -> body, [value], ...)[1]</c>: binds a value computed
    /// once per row where repeating its text would make ClickHouse analyse it many times over.
    /// </summary>
    private static string Let(string[] names, string[] values, string body) =>
        $"arrayElement(arrayMap(({string.Join(", ", names)}) -> {body}, {string.Join(", ", values.Select(v => "[" + v + "]"))}), 1)";
}
