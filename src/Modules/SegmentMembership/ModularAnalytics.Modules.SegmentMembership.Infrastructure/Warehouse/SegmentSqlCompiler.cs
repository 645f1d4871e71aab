using System.Globalization;
using System.Numerics;
using System.Text;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

/// <summary>A segment to compile: <see cref="Key"/> salts PERCENTAGE_SPLIT; <see cref="Label"/> names its result column.</summary>
internal sealed record SegmentToCompile(string Label, string Key, IReadOnlyList<SegmentRule> Rules);

/// <summary>
/// Compiles segment rules to ClickHouse boolean expressions over one row of the warehouse table
/// <c>identities (environment_id, identifier, identity_key, traits JSON, inserted_at)</c>, with Flagsmith's semantics
/// (the same ones <c>SegmentEvaluator</c> implements, written separately so each checks the other). Every value that
/// comes from a rule or the environment is bound as a <c>{pN:Type}</c> parameter; the SQL text only ever contains
/// fixed fragments, aliases and numbers the compiler derived itself. Per-property work (typing the trait, Python's
/// <c>str()</c>, semver keys) is computed once per row as a column, so many segments can share one scan.
/// One instance builds one query: parameters and aliases accumulate.
/// </summary>
internal sealed partial class SegmentSqlCompiler
{
    private const string SemverPattern =
        @"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-((0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(\+[0-9a-zA-Z-]+(\.[0-9a-zA-Z-]+)*)?$";

    private readonly Dictionary<string, object?> _parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string Value), string> _parameterByValue = [];
    private readonly List<(string Expression, string Name)> _with = [];
    private readonly Dictionary<string, Operand> _operands = new(StringComparer.Ordinal);
    private readonly HashSet<string> _derived = new(StringComparer.Ordinal);
    private readonly EnvironmentContext _environment;
    private readonly string _row;

    public SegmentSqlCompiler(EnvironmentContext environment, string rowAlias = "i")
    {
        ClickHouseSqlNames.EnsureAlias(rowAlias);
        _environment = environment;
        _row = rowAlias;
    }

    public IReadOnlyDictionary<string, object?> Parameters => _parameters;

    /// <summary>Per-row columns (<c>expr AS name</c>) the compiled expressions rely on; <see cref="BuildQuery"/> lays them out.</summary>
    public IReadOnlyList<string> Columns => _with.Select(w => $"{w.Expression} AS {w.Name}").ToList();

    /// <summary>One segment's membership as a UInt8 expression (never NULL).</summary>
    public string Compile(string segmentKey, IReadOnlyList<SegmentRule> rules)
    {
        if (rules.Count == 0)
        {
            return "0";
        }

        var key = Param("String", segmentKey);
        return Join(" AND ", rules.Select(r => Rule(r, key)));
    }

    /// <summary>
    /// Counts each segment's members among an environment's identities in one scan: one <c>countIf</c> column per
    /// segment, named by its label.
    /// </summary>
    public static ClickHouseQuery CountQuery(string environmentId, EnvironmentContext environment, IReadOnlyList<SegmentToCompile> segments, string table = "identities")
    {
        var compiler = new SegmentSqlCompiler(environment);
        var columns = segments.Select(s => $"countIf({compiler.Compile(s.Key, s.Rules)}) AS {ClickHouseSql.Identifier(s.Label)}").ToList();
        return compiler.BuildQuery(columns.Count == 0 ? "count() AS `identities`" : string.Join(",\n  ", columns), environmentId, table);
    }

    /// <summary>
    /// Per identity of an environment: its identifier and an Array(UInt8) column <c>members</c> holding each segment's
    /// membership in the order given.
    /// </summary>
    public static ClickHouseQuery MembershipQuery(string environmentId, EnvironmentContext environment, IReadOnlyList<SegmentToCompile> segments, string table = "identities")
    {
        var compiler = new SegmentSqlCompiler(environment);
        var members = string.Join(",\n    ", segments.Select(s => $"toUInt8({compiler.Compile(s.Key, s.Rules)})"));
        return compiler.BuildQuery($"identifier,\n  [{members}]::Array(UInt8) AS members", environmentId, table, orderBy: "identifier");
    }

    /// <summary>
    /// <c>SELECT columns</c> over the environment's identities (<c>FROM table FINAL WHERE environment_id = {env}</c>),
    /// with this compiler's parameters. The row's identifier is available as <c>identifier</c>.
    /// </summary>
    /// <remarks>
    /// Why layered subqueries rather than WITH aliases: ClickHouse inlines an alias at every use, so alias chains blow
    /// the query tree up (and 26.5's analyzer then loses some of them); a subquery column is computed once per row.
    /// Each alias goes in the first layer where everything it references already exists.
    /// </remarks>
    public ClickHouseQuery BuildQuery(string selectList, string environmentId, string table = "identities", string? orderBy = null)
    {
        var env = Param("String", environmentId);
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        var layers = new List<List<string>>();
        foreach (var (expression, name) in _with)
        {
            var level = 0;
            foreach (System.Text.RegularExpressions.Match m in AliasReference().Matches(expression))
            {
                if (levels.TryGetValue(m.Value, out var referenced))
                {
                    level = Math.Max(level, referenced + 1);
                }
            }

            levels[name] = level;
            while (layers.Count <= level)
            {
                layers.Add([]);
            }

            layers[level].Add($"{expression} AS {name}");
        }

        var sql = new StringBuilder("SELECT ").Append(_row).Append(".identifier AS identifier");
        foreach (var column in layers.Count > 0 ? layers[0] : [])
        {
            sql.Append(",\n  ").Append(column);
        }

        sql.Append("\nFROM ").Append(ClickHouseSql.Identifier(table)).Append(" AS ").Append(_row).Append(" FINAL\n")
            .Append("WHERE ").Append(_row).Append(".environment_id = ").Append(env);
        for (var level = 1; level < layers.Count; level++)
        {
            sql.Insert(0, "SELECT *,\n  " + string.Join(",\n  ", layers[level]) + "\nFROM (\n").Append("\n)");
        }

        sql.Insert(0, "SELECT\n  " + selectList + "\nFROM (\n").Append("\n)");
        if (orderBy is not null)
        {
            sql.Append("\nORDER BY ").Append(orderBy);
        }

        var query = new ClickHouseQuery(sql.ToString());
        foreach (var p in _parameters)
        {
            query = query.WithParameter(p.Key, p.Value);
        }

        return query;
    }

    private string Rule(SegmentRule rule, string segmentKey)
    {
        var conditions = rule.Conditions.Count == 0 ? "1" : Combine(rule.Type, rule.Conditions.Select(c => Condition(c, segmentKey)));
        var rules = rule.Rules.Count == 0 ? "1" : Combine(rule.Type, rule.Rules.Select(r => Rule(r, segmentKey)));
        return $"({conditions} AND {rules})";
    }

    private static string Combine(SegmentRuleType type, IEnumerable<string> parts) => type switch
    {
        SegmentRuleType.All => Join(" AND ", parts),
        SegmentRuleType.Any => Join(" OR ", parts),
        _ => $"(NOT {Join(" OR ", parts)})",
    };

    private static string Join(string separator, IEnumerable<string> parts) => "(" + string.Join(separator, parts) + ")";

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
                return $"({o.T} != 'none')";
            case SegmentOperator.IsNotSet:
                return $"({o.T} = 'none')";
            case SegmentOperator.In:
            {
                var values = ConditionValues.InValues(condition);
                if (values is null)
                {
                    return "0";
                }

                var array = Param("Array(String)", values.Order(StringComparer.Ordinal).ToArray());
                return $"(({o.T} = 'str' AND has({array}, {o.S})) OR ({o.T} = 'int' AND has({array}, {o.I})))";
            }

            case SegmentOperator.PercentageSplit:
                if (!PythonLiteral.TryParseFloat(condition.Value, out var threshold) || double.IsNaN(threshold))
                {
                    return "0";
                }

                return $"({o.T} != 'none' AND {Percentage(segmentKey, StrForm(o))} <= {FloatParam(threshold)})";
        }

        if (condition.ValueItems is not null)
        {
            return "0";
        }

        var literal = condition.Value ?? "None";
        return op switch
        {
            SegmentOperator.NotContains => $"({o.T} = 'str' AND position({o.S}, {Param("String", literal)}) = 0)",
            SegmentOperator.Regex => RegexSubset.TryParse(literal, out var pieces, out _)
                ? $"({o.T} != 'none' AND match({StrForm(o)}, {Param("String", Re2Pattern.Render(pieces))}))"
                : "0",
            SegmentOperator.Modulo => Modulo(o, condition.Value),
            _ => Typed(op, condition, literal, o),
        };
    }

    private string Typed(SegmentOperator op, SegmentCondition condition, string literal, Operand o)
    {
        var branches = new List<string>();
        if (condition.IsSemver)
        {
            var text = ConditionValues.SemverText(condition);
            var (ok, key, pre, build) = Semver(o);
            var lit = Param("String", text);
            branches.Add(op == SegmentOperator.Contains
                ? $"({o.T} = 'str' AND {ok} AND (({pre} != '' AND {pre} = {lit}) OR ({build} != '' AND {build} = {lit})))"
                : $"({o.T} = 'str' AND {ok} AND match({SemverInput(lit)}, {Param("String", SemverPattern)}) AND {key} {Comparison(op)} {SemverKey(SemverInput(lit))})");
        }
        else
        {
            var s = Param("String", literal);
            branches.Add(op == SegmentOperator.Contains
                ? $"({o.T} = 'str' AND position({o.S}, {s}) > 0)"
                : $"({o.T} = 'str' AND {o.S} {Comparison(op)} {s})");
        }

        if (op != SegmentOperator.Contains)
        {
            if (PythonLiteral.TryParseInt(literal, out var integer))
            {
                branches.Add(op is SegmentOperator.Equal or SegmentOperator.NotEqual
                    ? $"({o.T} = 'int' AND {o.I} {Comparison(op)} {Param("String", integer.ToString(CultureInfo.InvariantCulture))})"
                    : $"({o.T} = 'int' AND {IntegerKey(o.I)} {Comparison(op)} {Param("String", IntegerKey(integer))})");
            }

            if (PythonLiteral.TryParseFloat(literal, out var number))
            {
                branches.Add($"({o.T} = 'float' AND {o.F} {Comparison(op)} {FloatParam(number)})");
            }

            var flag = literal is "False" or "false" ? "0" : "1";
            branches.Add($"({o.T} = 'bool' AND toUInt8({o.B}) {Comparison(op)} {flag})");
        }

        return Join(" OR ", branches);
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

    private string Modulo(Operand o, string? value)
    {
        if (!ConditionValues.TryParseModulo(value, out var divisor, out var remainder) || divisor == 0 || double.IsNaN(divisor))
        {
            return "0";
        }

        var x = $"multiIf({o.T} = 'int', toFloat64OrZero({o.I}), {o.T} = 'float', {o.F}, toFloat64({o.B}))";
        var d = FloatParam(divisor);
        var r = FloatParam(remainder);
        var folded = double.IsInfinity(divisor) ? "abs(x)" : ExactFmod(Math.Abs(divisor));

        // Python's %: fmod's result (sign of x) moved into the divisor's sign when non-zero.
        var python = $"arrayElement(arrayMap(q -> if(q != 0 AND ((q < 0) != ({d} < 0)), q + {d}, q), [if(x < 0, -{folded}, {folded})]), 1)";
        return $"({o.T} IN ('int', 'float', 'bool') AND arrayElement(arrayMap(x -> isFinite(x) AND {python} = {r}, [{x}]), 1))";
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

    // Why lambdas as let-bindings: ClickHouse 26.5's analyzer fails ("unknown identifier") when the same compound
    // expression over a WITH alias chain appears twice, so repeated sub-expressions are bound once this way.
    private static string Percentage(string segmentKey, string value)
    {
        static string Hash(string s) => $"toFloat64(reinterpretAsUInt128(reverse(MD5({s}))) % 9999)";
        var pick = $"arrayElement(arrayMap((a, b, c) -> if(a != 9998, a, if(b != 9998, b, c)), [{Hash("s")}], [{Hash("concat(s, ',', s)")}], [{Hash("concat(s, ',', s, ',', s)")}]), 1)";
        return $"arrayElement(arrayMap(s -> {pick} / 9998 * 100, [concat({segmentKey}, ',', {value})]), 1)";
    }

    // ---- operands: a property's value, typed the way Flagsmith's engine sees it -------------------------------------

    /// <summary>
    /// SQL for a context value: <c>T</c> is 'str' | 'int' | 'float' | 'bool' | 'none'; <c>S</c> the string, <c>I</c> the
    /// canonical decimal text of an integer (any size), <c>F</c> the float, <c>B</c> the boolean. All non-NULL.
    /// </summary>
    private sealed record Operand(string Name, string T, string S, string I, string F, string B);

    private Operand Property(string property)
    {
        if (_operands.TryGetValue("p:" + property, out var cached))
        {
            return cached;
        }

        var reference = PropertyReference.Parse(property);
        var literal = TraitOperand(reference.TraitKey);
        Operand result;
        if (reference.Source == PropertySource.Trait)
        {
            result = literal;
        }
        else
        {
            var target = reference.Target switch
            {
                ContextTarget.IdentityIdentifier => MappedString($"{_row}.identifier", "id"),
                ContextTarget.IdentityKey => MappedString(IdentityKeySql(), "key"),
                ContextTarget.EnvironmentKey => MappedString(Param("String", _environment.Key), "envkey"),
                ContextTarget.EnvironmentName => MappedString(Param("String", _environment.Name), "envname"),
                ContextTarget.Trait => TraitOperand(reference.ContextTraitKey!),
                _ => new Operand("none", "'none'", "''", "'0'", "0.", "false"),
            };
            var set = $"{literal.T} != 'none'";
            result = Define(NextName(), $"if({set}, {literal.T}, {target.T})", $"if({set}, {literal.S}, {target.S})",
                $"if({set}, {literal.I}, {target.I})", $"if({set}, {literal.F}, {target.F})", $"if({set}, {literal.B}, {target.B})");
        }

        _operands["p:" + property] = result;
        return result;
    }

    private Operand TraitOperand(string key)
    {
        if (_operands.TryGetValue("t:" + key, out var cached))
        {
            return cached;
        }

        var name = NextName();
        var value = $"getSubcolumn({_row}.traits, {Param("String", key)})";
        var type = Alias(name + "_dt", $"dynamicType({value})");
        var s = Alias(name + "_s0", $"ifNull(dynamicElement({value}, 'String'), '')");
        var int64 = Alias(name + "_i64", $"toString(ifNull(dynamicElement({value}, 'Int64'), 0))");
        var uint64 = Alias(name + "_u64", $"toString(ifNull(dynamicElement({value}, 'UInt64'), 0))");
        var float64 = Alias(name + "_f64", $"ifNull(dynamicElement({value}, 'Float64'), 0.)");
        var operand = Define(name,
            $"multiIf({type} = 'String', {StringKind(s)}, {type} IN ('Int64', 'UInt64'), 'int', {type} = 'Float64', 'float', {type} = 'Bool', 'bool', 'none')",
            s,
            $"multiIf({type} = 'Int64', {int64}, {type} = 'UInt64', {uint64}, {CanonicalInteger(s)})",
            $"if({type} = 'Float64', {float64}, toFloat64OrZero({s}))",
            $"ifNull(dynamicElement({value}, 'Bool'), false)");
        _operands["t:" + key] = operand;
        return operand;
    }

    /// <summary>A string context value after Flagsmith's mapping: all digits → int, digits.digits → float.</summary>
    private Operand MappedString(string sql, string kind)
    {
        if (_operands.TryGetValue("m:" + kind, out var cached))
        {
            return cached;
        }

        var name = NextName();
        var s = Alias(name + "_s0", sql);
        var operand = Define(name, StringKind(s), s, CanonicalInteger(s), $"toFloat64OrZero({s})", "false");
        _operands["m:" + kind] = operand;
        return operand;
    }

    private Operand IdentityKeyUnmapped()
    {
        if (_operands.TryGetValue("u:key", out var cached))
        {
            return cached;
        }

        var operand = Define(NextName(), "'str'", IdentityKeySql(), "'0'", "0.", "false");
        _operands["u:key"] = operand;
        return operand;
    }

    private string IdentityKeySql() =>
        $"if({_row}.identity_key = '', concat({Param("String", _environment.Key)}, '_', {_row}.identifier), {_row}.identity_key)";

    // Why no regex: match() costs about a millisecond of analysis per call, and these run for every property.
    private static string StringKind(string s)
    {
        var unsigned = $"if(startsWith({s}, '-'), substring({s}, 2), {s})";
        var parts = $"splitByChar('.', {unsigned})";
        return $"multiIf({AllDigits(unsigned)}, 'int', length({parts}) = 2 AND {AllDigits($"{parts}[1]")} AND {AllDigits($"{parts}[2]")}, 'float', 'str')";
    }

    /// <summary>Python's fullmatch <c>[0-9]+</c>.</summary>
    private static string AllDigits(string s) => $"({s} != '' AND trimBoth({s}, '0123456789') = '')";

    private static string CanonicalInteger(string s)
    {
        var magnitude = $"trimLeft(if(startsWith({s}, '-'), substring({s}, 2), {s}), '0')";
        return $"if({magnitude} = '', '0', concat(if(startsWith({s}, '-'), '-', ''), {magnitude}))";
    }

    private Operand Define(string name, string t, string s, string i, string f, string b) =>
        new(name, Alias(name + "_t", t), Alias(name + "_s", s), Alias(name + "_i", i), Alias(name + "_f", f), Alias(name + "_b", b));

    /// <summary>Python's <c>str()</c> of the operand, including <c>repr(float)</c> rebuilt from ClickHouse's shortest digits.</summary>
    private string StrForm(Operand o)
    {
        var name = o.Name + "_str";
        if (_derived.Add(name))
        {
            Alias(name, $"multiIf({o.T} = 'str', {o.S}, {o.T} = 'int', {o.I}, {o.T} = 'float', {FloatRepr(o.F)}, {o.T} = 'bool', if({o.B}, 'True', 'False'), '')");
        }

        return name;
    }

    /// <summary>Python's repr(float) in one expression; lambdas bind the intermediate strings (see <see cref="Let"/>).</summary>
    private static string FloatRepr(string f)
    {
        var positional = "multiIf(pt <= 0, concat('0.', repeat('0', toUInt32(greatest(-pt, 0))), dig), " +
            "pt >= length(dig), concat(dig, repeat('0', toUInt32(greatest(pt - toInt32(length(dig)), 0))), '.0'), " +
            "concat(substring(dig, 1, toUInt32(greatest(pt, 1))), '.', substring(dig, toUInt32(greatest(pt, 1)) + 1)))";
        var scientific = "concat(substring(dig, 1, 1), if(length(dig) > 1, concat('.', substring(dig, 2)), ''), 'e', if(pt - 1 < 0, '-', '+'), leftPad(toString(abs(pt - 1)), 2, '0'))";
        var body = $"multiIf(dig = '', '0.0', pt > -4 AND pt <= 16, {positional}, {scientific})";
        var digits = Let(["dig", "pt"], ["trimRight(trimLeft(raw, '0'), '0')", "toInt32(length(ip)) + ex - toInt32(length(raw) - length(trimLeft(raw, '0')))"],
            $"concat(if(startsWith(txt, '-'), '-', ''), {body})");
        var parts = Let(["ip", "raw"], ["splitByChar('.', man)[1]", "concat(splitByChar('.', man)[1], if(position(man, '.') > 0, splitByChar('.', man)[2], ''))"], digits);
        var mantissa = Let(["man", "ex"], ["splitByChar('e', u)[1]", "if(position(u, 'e') > 0, toInt32OrZero(splitByChar('e', u)[2]), 0)"], parts);
        var text = Let(["txt"], [$"toString({f})"], Let(["u"], ["if(startsWith(txt, '-'), substring(txt, 2), txt)"], mantissa));
        return $"multiIf(isNaN({f}), 'nan', isInfinite({f}), if({f} > 0, 'inf', '-inf'), {text})";
    }

    /// <summary><c>let names = values in body</c> as <c>arrayMap((names) -> body, [value], ...)[1]</c>.</summary>
    private static string Let(string[] names, string[] values, string body) =>
        $"arrayElement(arrayMap(({string.Join(", ", names)}) -> {body}, {string.Join(", ", values.Select(v => "[" + v + "]"))}), 1)";

    private (string Ok, string Key, string Pre, string Build) Semver(Operand o)
    {
        var name = o.Name + "_sv";
        if (_derived.Add(name))
        {
            var input = SemverInput(o.S);
            Alias(name + "_ok", $"match({input}, {Param("String", SemverPattern)})");
            Alias(name + "_key", SemverKey(input));
            Alias(name + "_pre", SemverPre(input));
            Alias(name + "_build", $"if(position({input}, '+') > 0, substring({input}, position({input}, '+') + 1), '')");
        }

        return (name + "_ok", name + "_key", name + "_pre", name + "_build");
    }

    // Python's `$` in semver's pattern also accepts one final newline.
    private static string SemverInput(string s) => $"if(endsWith({s}, '\\n'), substring({s}, 1, length({s}) - 1), {s})";

    private static string SemverPre(string s)
    {
        var core = $"splitByChar('+', {s})[1]";
        return $"if(position({core}, '-') > 0, substring({core}, position({core}, '-') + 1), '')";
    }

    /// <summary>Orders like semver: numbers by (length, digits), no pre-release above any, identifiers numeric-first.</summary>
    private static string SemverKey(string s)
    {
        var numbers = $"splitByChar('.', splitByChar('-', splitByChar('+', {s})[1])[1])";
        var pre = SemverPre(s);
        return $"tuple(length({numbers}[1]), {numbers}[1], length({numbers}[2]), {numbers}[2], length({numbers}[3]), {numbers}[3], {pre} = '', " +
            $"arrayMap(x -> tuple(NOT {AllDigits("x")}, if({AllDigits("x")}, length(x), 0), x), splitByChar('.', {pre})))";
    }

    private string Alias(string name, string expression)
    {
        _with.Add((expression, name));
        return name;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bsm[0-9]+_[0-9]+_[a-z0-9]+\b")]
    private static partial System.Text.RegularExpressions.Regex AliasReference();

    private string NextName() => "sm" + _operands.Count.ToString(CultureInfo.InvariantCulture) + "_" + _with.Count.ToString(CultureInfo.InvariantCulture);

    private string Param(string type, object value)
    {
        var identity = value switch
        {
            string s => s,
            ulong u => u.ToString(CultureInfo.InvariantCulture),
            string[] a => string.Join("\u0001", a.Select(x => x.Length.ToString(CultureInfo.InvariantCulture) + ":" + x)),
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        };
        if (!_parameterByValue.TryGetValue((type, identity), out var name))
        {
            name = "p" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
            _parameters[name] = value;
            _parameterByValue[(type, identity)] = name;
        }

        return $"{{{name}:{type}}}";
    }
}

internal static class ClickHouseSqlNames
{
    public static void EnsureAlias(string alias)
    {
        if (alias.Length == 0 || !alias.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(alias[0]))
        {
            throw new ArgumentException("The row alias must be a plain identifier.", nameof(alias));
        }
    }
}
