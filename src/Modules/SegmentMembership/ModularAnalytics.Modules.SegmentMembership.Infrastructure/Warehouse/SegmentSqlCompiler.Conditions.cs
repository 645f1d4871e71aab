using System.Globalization;
using System.Numerics;
using ModularAnalytics.Modules.SegmentMembership.Domain.Prepared;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

/// <summary>Rules and conditions: each operator as a closed UInt8 expression over a property's prepared values.</summary>
internal sealed partial class SegmentSqlCompiler
{
    private string Rule(SegmentRule rule, string segmentKey)
    {
        var conditions = rule.Conditions.Count == 0 ? "1" : Combine(rule.Type, rule.Conditions.Select(c => Condition(c, segmentKey)));
        var rules = rule.Rules.Count == 0 ? "1" : Combine(rule.Type, rule.Rules.Select(r => Rule(r, segmentKey)));
        return All([conditions, rules]);
    }

    private static string Combine(SegmentRuleType type, IEnumerable<string> parts) => type switch
    {
        SegmentRuleType.All => All(parts),
        SegmentRuleType.Any => Any(parts),
        _ => Not(Any(parts)),
    };

    private static string All(IEnumerable<string> parts)
    {
        var list = parts.Where(p => p != "1").Distinct(StringComparer.Ordinal).ToList();
        return list.Contains("0") ? "0" : list.Count switch { 0 => "1", 1 => list[0], _ => "(" + string.Join(" AND ", list) + ")" };
    }

    private static string Any(IEnumerable<string> parts)
    {
        var list = parts.Where(p => p != "0").Distinct(StringComparer.Ordinal).ToList();
        return list.Contains("1") ? "1" : list.Count switch { 0 => "0", 1 => list[0], _ => "(" + string.Join(" OR ", list) + ")" };
    }

    private static string Not(string part) => part switch { "0" => "1", "1" => "0", _ => $"(NOT {part})" };

    // Why: comparisons are NULL when the row holds another kind; closing each condition keeps NOT (NONE rules) two-valued.
    private static string Closed(string expression) => expression is "0" or "1" ? expression : $"ifNull({expression}, 0)";

    private string Condition(SegmentCondition condition, string segmentKey)
    {
        if (condition.ParsedOperator is not { } op)
        {
            return "0";
        }

        var o = op == SegmentOperator.PercentageSplit && condition.Property.Length == 0 ? IdentityKeyUnmapped() : Property(condition.Property);
        switch (op)
        {
            case SegmentOperator.IsSet:
                return o.Set;
            case SegmentOperator.IsNotSet:
                return Not(o.Set);
            case SegmentOperator.In:
                return Closed(In(o, ConditionValues.InValues(condition)));
            case SegmentOperator.PercentageSplit:
                return Closed(PercentageSplit(o, segmentKey, condition.Value, unmappedKey: condition.Property.Length == 0));
        }

        if (condition.ValueItems is not null)
        {
            return "0";
        }

        var literal = condition.Value ?? "None";
        return Closed(op switch
        {
            SegmentOperator.NotContains => All([KindIs(o, PreparedKind.String), $"position({o.Text}, {Param("String", literal)}) = 0"]),
            SegmentOperator.Regex => RegexSubset.TryParse(literal, out var pieces, out _) && o.Text is not null
                ? $"match({o.Text}, {Param("String", Re2Pattern.Render(pieces))})"
                : "0",
            SegmentOperator.Modulo => Modulo(o, condition.Value),
            SegmentOperator.Contains when condition.IsSemver => SemverContains(o, ConditionValues.SemverText(condition)),
            SegmentOperator.Contains => All([TextIsString(o, literal, substring: true), $"position({o.Text}, {Param("String", literal)}) > 0"]),
            _ => Typed(op, literal, o, condition.IsSemver ? ConditionValues.SemverText(condition) : null),
        });
    }

    /// <summary>The literal coerced to each kind the value can have, as Python does; strings compare by code point.</summary>
    private string Typed(SegmentOperator op, string literal, Operand o, string? semver)
    {
        var cmp = Comparison(op);
        var branches = new List<string>();
        if (semver is not null)
        {
            branches.Add(o.Semver is not null && SemanticVersion.TryParse(semver, out var version)
                ? $"{o.Semver} {cmp} {Param("String", PreparedValue.SemverKeyOf(version))}"
                : "0");
        }
        else if (o.Kinds.Contains(PreparedKind.String))
        {
            // UTF-8 byte order is code point order, which is how Python orders strings.
            var kind = op == SegmentOperator.Equal ? TextIsString(o, literal, substring: false) : KindIs(o, PreparedKind.String);
            branches.Add(All([kind, $"{o.Text} {cmp} {Param("String", literal)}"]));
        }

        if (o.Integer is not null && PythonLiteral.TryParseInt(literal, out var integer))
        {
            branches.Add($"{o.Integer} {cmp} {Param("String", PreparedValue.IntegerKeyOf(integer))}");
        }

        if (o.Kinds.Contains(PreparedKind.Float) && PythonLiteral.TryParseFloat(literal, out var number))
        {
            branches.Add(FloatComparison(o, op, number));
        }

        if (o.Kinds.Contains(PreparedKind.Boolean))
        {
            var flag = literal is not ("False" or "false");
            var isBool = KindIs(o, PreparedKind.Boolean);
            branches.Add((op, flag) switch
            {
                (SegmentOperator.GreaterThan, true) or (SegmentOperator.LessThan, false) => "0",
                (SegmentOperator.GreaterThanInclusive, false) or (SegmentOperator.LessThanInclusive, true) => isBool,
                _ => All([isBool, $"{o.Number} {cmp} {(flag ? "1" : "0")}"]),
            });
        }

        return Any(branches);
    }

    /// <summary>
    /// A float value against a float literal. Infinite values are stored as ±max (JSON has no infinity); only a
    /// literal at ±max or infinite can tell them apart, and then the value's text decides.
    /// </summary>
    private string FloatComparison(Operand o, SegmentOperator op, double literal)
    {
        var isFloat = KindIs(o, PreparedKind.Float);
        if (double.IsNaN(literal))
        {
            return op == SegmentOperator.NotEqual ? isFloat : "0";
        }

        var value = Math.Abs(literal) < double.MaxValue
            ? o.Number
            : $"multiIf({o.Text} = 'inf', inf, {o.Text} = '-inf', -inf, {o.Number})";
        return All([isFloat, $"{value} {Comparison(op)} {FloatParam(literal)}"]);
    }

    private string In(Operand o, IReadOnlySet<string>? values)
    {
        if (values is null || o.Text is null)
        {
            return "0";
        }

        // Python: a str or int whose str() is a candidate. A string value never looks like a number (it would have
        // been mapped), so numeric-looking candidates can only be ints, compared by their integer key.
        var ordered = values.Order(StringComparer.Ordinal).ToList();
        var branches = new List<string>();
        var strings = ordered.Where(v => !LooksNumeric(v)).ToArray();
        if (strings.Length > 0 && o.Kinds.Contains(PreparedKind.String))
        {
            var kind = strings.Any(CouldBeOtherKindsText) ? KindIs(o, PreparedKind.String) : "1";
            branches.Add(All([kind, $"has({Param("Array(String)", strings)}, {o.Text})"]));
        }

        var keys = ordered.Where(IsCanonicalInteger).Select(v => PreparedValue.IntegerKeyOf(BigInteger.Parse(v, CultureInfo.InvariantCulture))).ToArray();
        if (keys.Length > 0 && o.Integer is not null)
        {
            branches.Add($"has({Param("Array(String)", keys)}, {o.Integer})");
        }

        return Any(branches);
    }

    private string PercentageSplit(Operand o, string segmentKey, string? value, bool unmappedKey)
    {
        if (!PythonLiteral.TryParseFloat(value, out var threshold) || double.IsNaN(threshold) || o.Text is null)
        {
            return "0";
        }

        // The hash is an integer h in [0, 9998]; the evaluator compares h / 9998 * 100 with the threshold, which is
        // monotonic in h, so the comparison becomes h <= the largest h that passes. h = 9998 (100%) means rehash.
        var largest = -1;
        for (var h = 9997; h >= 0; h--)
        {
            if ((double)h / 9998 * 100 <= threshold)
            {
                largest = h;
                break;
            }
        }

        if (largest < 0)
        {
            return "0";
        }

        if (largest == 9997 && 100 <= threshold)
        {
            return o.Set;
        }

        var joined = unmappedKey ? PrefixedIdentityKey($"{segmentKey}, ','") : $"concat({segmentKey}, ',', {o.Text})";
        var limit = Param("UInt16", largest.ToString(CultureInfo.InvariantCulture));

        // Why nested ifs: each rehash runs only for the rows whose previous hash was 9998; spelled with OR/AND the
        // chain costs a second full pass of MD5 on ClickHouse 26.5.
        const int Rehashes = 4;
        var expression = string.Empty;
        for (var iteration = Rehashes; iteration >= 1; iteration--)
        {
            var text = iteration == 1 ? joined : $"arrayStringConcat(arrayWithConstant({iteration.ToString(CultureInfo.InvariantCulture)}, {joined}), ',')";
            var hash = $"(reinterpretAsUInt128(reverse(MD5({text}))) % 9999)";
            expression = iteration == Rehashes ? $"{hash} <= {limit}" : $"if({hash} = 9998, {expression}, {hash} <= {limit})";
        }

        return expression;
    }

    private string Modulo(Operand o, string? value)
    {
        if (!ConditionValues.TryParseModulo(value, out var divisor, out var remainder) || divisor == 0 || double.IsNaN(divisor) || o.Number is null)
        {
            return "0";
        }

        // Python's float(x) % d: ints, floats and bools alike (a string has no number). Integral values within 2^53
        // against an integral divisor are exact in Int64; the rest goes through the exact float remainder. An infinite
        // float (stored as ±max, text 'inf') gives nan, which matches nothing. Only floats need the checks for either.
        var x = o.Number;
        var floats = o.Kinds.Contains(PreparedKind.Float);
        var finite = floats ? $"(abs({x}) < {Double(double.MaxValue)} OR {o.Text} NOT IN ('inf', '-inf'))" : "1";
        var limit = MaxExactInteger.ToString("R", CultureInfo.InvariantCulture);
        var small = floats ? $"{x} = floor({x}) AND abs({x}) <= {limit}" : $"abs({x}) <= {limit}";
        var integral = Math.Abs(divisor) <= MaxExactInteger && Math.Floor(divisor) == divisor;
        var exact = (integral, o.JsonIntegers) switch
        {
            // JSON integers and bools convert to floats below 2^64, integral: Int128 holds them exactly.
            (true, true) => IntegerModulo($"toInt128(assumeNotNull({x}))", (long)divisor, remainder),
            (true, false) => $"if({small}, {IntegerModulo($"toInt64(assumeNotNull({x}))", (long)divisor, remainder)}, {FloatModulo(x, divisor, remainder)})",
            _ => FloatModulo(x, divisor, remainder),
        };
        return All([$"isNotNull({x})", finite, exact]);
    }

    /// <summary>Python's <c>float(x) % d == r</c> for an integer |x| ≤ 2^53 and an integral d: exact in integers.</summary>
    private string IntegerModulo(string column, long divisor, double remainder)
    {
        // Python's result lies in [0, d) for d > 0 and (d, 0] for d < 0; any other remainder never matches.
        var magnitude = Math.Abs(divisor);
        if (Math.Floor(remainder) != remainder || (divisor > 0 ? remainder < 0 || remainder >= divisor : remainder > 0 || remainder <= divisor))
        {
            return "0";
        }

        var r = (long)remainder;
        var expected = divisor > 0 || r == 0 ? r : r + magnitude;
        return $"positiveModulo({column}, {Param("Int64", magnitude.ToString(CultureInfo.InvariantCulture))}) = {Param("Int64", expected.ToString(CultureInfo.InvariantCulture))}";
    }

    /// <summary>
    /// <c>x in Version</c>: Python iterates (major, minor, patch, prerelease, build); only the strings can equal x. Rare
    /// enough to split the text here, and only for rows whose text is a version.
    /// </summary>
    private string SemverContains(Operand o, string text)
    {
        if (o.Semver is null || text.Length == 0)
        {
            return "0";
        }

        var t = Param("String", text);
        var input = $"if(endsWith({o.Text}, '\\n'), substring({o.Text}, 1, length({o.Text}) - 1), {o.Text})";
        var core = $"splitByChar('+', {input})[1]";
        var pre = $"if(position({core}, '-') > 0, substring({core}, position({core}, '-') + 1), '')";
        var build = $"if(position({input}, '+') > 0, substring({input}, position({input}, '+') + 1), '')";
        return All([$"isNotNull({o.Semver})", $"({pre} = {t} OR {build} = {t})"]);
    }

    private static string Comparison(SegmentOperator op) => op switch
    {
        SegmentOperator.Equal => "=",
        SegmentOperator.NotEqual => "!=",
        SegmentOperator.GreaterThan => ">",
        SegmentOperator.GreaterThanInclusive => ">=",
        SegmentOperator.LessThan => "<",
        SegmentOperator.LessThanInclusive => "<=",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>Flagsmith's string mapping: a full match of <c>-?[0-9]+</c> is an int, of <c>-?[0-9]+\.[0-9]+</c> a float.</summary>
    private static bool LooksNumeric(string s) => PreparedValue.OfString(s).Kind != PreparedKind.String;

    /// <summary>Python's <c>str()</c> of an int: what an int value must equal, as text, to be IN a list.</summary>
    private static bool IsCanonicalInteger(string s) => PreparedValue.OfString(s) is { Kind: PreparedKind.Integer } v && v.Text == s;

    /// <summary>
    /// Whether <paramref name="text"/> could be (or, for a substring, be inside) the <c>str()</c> of an int, float or
    /// bool: their texts only hold digits, '-', '+', '.', 'e', "inf", "nan", "True" and "False". When it cannot, a
    /// text match alone proves the value is a string.
    /// </summary>
    private static bool CouldBeOtherKindsText(string text) => CouldBeOtherKindsText(text, substring: false);

    private static bool CouldBeOtherKindsText(string text, bool substring)
    {
        if (text is "True" or "False" || (substring && ("True".Contains(text, StringComparison.Ordinal) || "False".Contains(text, StringComparison.Ordinal))))
        {
            return true;
        }

        return text.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or '.' or 'e' or 'i' or 'n' or 'f' or 'a');
    }

    /// <summary>The value is a string, or (when the literal proves it) any value whose text equals or holds the literal.</summary>
    private string TextIsString(Operand o, string literal, bool substring) =>
        o.Text is null || !o.Kinds.Contains(PreparedKind.String) ? "0"
        : CouldBeOtherKindsText(literal, substring) ? KindIs(o, PreparedKind.String)
        : "1";

    private static string KindIs(Operand o, PreparedKind kind) =>
        !o.Kinds.Contains(kind) ? "0"
        : o.Kinds.Count == 1 ? o.Set
        : $"{o.Kind} = {((int)kind).ToString(CultureInfo.InvariantCulture)}";
}
