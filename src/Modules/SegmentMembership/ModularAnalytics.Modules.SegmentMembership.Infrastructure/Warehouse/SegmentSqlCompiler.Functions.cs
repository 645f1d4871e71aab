using System.Globalization;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

/// <summary>The SQL spelling of Python's float remainder, exactly.</summary>
internal sealed partial class SegmentSqlCompiler
{
    /// <summary>
    /// Python's <c>x % d == r</c> over a Float64 <paramref name="x"/> (the caller rules out NULL): fmod's result, which
    /// has the sign of x, moved into the divisor's sign when non-zero. Plain expressions, no lambdas: identical
    /// sub-expressions are computed once per row by ClickHouse's expression DAG, and lambdas are slow to plan.
    /// </summary>
    private string FloatModulo(string x, double divisor, double remainder)
    {
        var xn = $"assumeNotNull({x})";
        var d = FloatParam(divisor);
        var folded = double.IsInfinity(divisor) ? $"abs({xn})" : ExactFmod(x, Math.Abs(divisor));
        var signed = $"({folded} * if({xn} < 0, -1., 1.))";
        var python = divisor > 0 ? $"{signed} + if({signed} < 0, {d}, 0.)" : $"{signed} + if({signed} > 0, {d}, 0.)";
        return $"(isFinite({xn}) AND ({python}) = {FloatParam(remainder)})";
    }

    /// <summary>
    /// fmod(abs(x), divisor), exactly, over the integer mantissas (ClickHouse's float modulo is not exact): with
    /// |x| = mx·2^ex and divisor = md·2^ed, the remainder is (mx·2^(ex−ed) mod md)·2^ed, the power taken by modular
    /// the power from a table of 2^k mod md computed here; when ex &lt; ed it is
    /// (mx mod md·2^(ed−ex))·2^ex. Every product and scaling is exact.
    /// </summary>
    private string ExactFmod(string value, double divisor)
    {
        var (md, ed) = Decompose(divisor);
        var mdSql = md.ToString(CultureInfo.InvariantCulture) + "::UInt64";
        var edSql = ed.ToString(CultureInfo.InvariantCulture);
        var x = $"assumeNotNull({value})";
        var bits = $"reinterpretAsUInt64(abs({x}))";
        var mx = Derived($"bitOr(bitAnd({bits}, 4503599627370495), if({bits} >= 4503599627370496, 4503599627370496, 0))");
        var ex = Derived($"(toInt32(greatest(bitShiftRight({bits}, 52), 1)) - 1075)");
        // 2^k mod md for every k = ex - ed a double can give, computed here: a table lookup instead of a
        // twelve-step modular exponentiation per row keeps the condition small to plan.
        var powers = new ulong[Math.Max(0, 971 - ed + 1)];
        var power2 = (UInt128)(1 % md);
        for (var k = 0; k < powers.Length; k++)
        {
            powers[k] = (ulong)power2;
            power2 = power2 * 2 % md;
        }

        var power = $"arrayElement({Param("Array(UInt64)", powers)}, toUInt32({ex} - {edSql}) + 1)";
        var scaleD = $"{Double(Math.ScaleB(1.0, Math.Max(ed, -1000)))} * {Double(Math.ScaleB(1.0, ed - Math.Max(ed, -1000)))}";
        var aboveDivisor = $"toFloat64(toUInt128({mx} % {mdSql}) * {power} % {mdSql}) * {scaleD}";
        var shift = $"toUInt32(least(greatest({edSql} - {ex}, 0), 63))";
        var belowDivisor = $"if({edSql} - {ex} >= 64, abs({x}), toFloat64(toUInt128({mx}) % (toUInt128({mdSql}) * bitShiftLeft(toUInt128(1), {shift}))) * {Pow2($"greatest({ex}, -1000)")} * {Pow2($"{ex} - greatest({ex}, -1000)")})";
        return $"if({ex} >= {edSql}, {aboveDivisor}, {belowDivisor})";
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
}
