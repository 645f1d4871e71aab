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
/// comes from a rule or the environment is bound as a <c>{pN:Type}</c> parameter; trait names become backtick-escaped
/// JSON subcolumn paths; the rest of the text is fixed fragments and numbers the compiler derived itself.
/// </summary>
/// <remarks>
/// Why it is shaped this way (refresh cost is one scan, so per-row work is what matters):
/// a condition reads only the typed subcolumns (<c>traits.`x`.:Int64</c>, …) its literal can match, decided at compile
/// time, instead of typing every trait in every row; per-kind branches are NULL when the row has another type and each
/// condition is closed with <c>ifNull(…, 0)</c>; expensive work (regexes over the string mapping, MD5 rehashes, exact
/// float modulo, Python's float repr) sits behind a cheap guard so ClickHouse's short-circuit evaluation runs it only for
/// the rows that need it; identical sub-expressions across segments are computed once by ClickHouse's expression DAG.
/// One instance builds one query: parameters accumulate.
/// </remarks>
internal sealed partial class SegmentSqlCompiler
{
    private const string NumberPattern = @"^-?[0-9]+(\.[0-9]+)?$";
    private const string IntegerPattern = "^-?[0-9]+$";
    private const string DecimalPattern = @"^-?[0-9]+\.[0-9]+$";
    private const double MaxExactInteger = 9007199254740992d;

    private readonly Dictionary<string, object?> _parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string Value), string> _parameterByValue = [];
    private readonly Dictionary<string, Operand> _operands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _scanColumns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _derivedColumns = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nonNullable = new(StringComparer.Ordinal) { "identifier" };
    private readonly EnvironmentContext _environment;
    private readonly IReadOnlyDictionary<string, IReadOnlySet<string>>? _traitTypes;
    private readonly string _row;

    /// <param name="traitTypes">
    /// The value types each trait path holds (ClickHouse type names); a path missing from it holds no value. Null when
    /// unknown: every type is then considered.
    /// </param>
    public SegmentSqlCompiler(EnvironmentContext environment, string rowAlias = "i", IReadOnlyDictionary<string, IReadOnlySet<string>>? traitTypes = null)
    {
        ClickHouseSqlNames.EnsureAlias(rowAlias);
        _environment = environment;
        _traitTypes = traitTypes;
        _row = rowAlias;
    }

    public IReadOnlyDictionary<string, object?> Parameters => _parameters;

    /// <summary>One segment's membership as a UInt8 expression (never NULL).</summary>
    public string Compile(string segmentKey, IReadOnlyList<SegmentRule> rules)
    {
        if (rules.Count == 0)
        {
            return "0";
        }

        var key = Param("String", segmentKey);
        return All(rules.Select(r => Rule(r, key)));
    }

    /// <summary>
    /// Counts each segment's members among an environment's identities in one scan: one <c>countIf</c> column per
    /// segment, named by its label.
    /// </summary>
    public static ClickHouseQuery CountQuery(string environmentId, EnvironmentContext environment, IReadOnlyList<SegmentToCompile> segments, string table = "identities", IReadOnlyDictionary<string, IReadOnlySet<string>>? traitTypes = null)
    {
        var compiler = new SegmentSqlCompiler(environment, traitTypes: traitTypes);
        var columns = segments.Select(s => $"countIf({compiler.Compile(s.Key, s.Rules)}) AS {ClickHouseSql.Identifier(s.Label)}").ToList();
        return compiler.BuildQuery(columns.Count == 0 ? "count() AS `identities`" : string.Join(",\n  ", columns), environmentId, table);
    }

    /// <summary>
    /// Per identity of an environment: its identifier and an Array(UInt8) column <c>members</c> holding each segment's
    /// membership in the order given.
    /// </summary>
    public static ClickHouseQuery MembershipQuery(string environmentId, EnvironmentContext environment, IReadOnlyList<SegmentToCompile> segments, string table = "identities", IReadOnlyDictionary<string, IReadOnlySet<string>>? traitTypes = null)
    {
        var compiler = new SegmentSqlCompiler(environment, traitTypes: traitTypes);
        var members = string.Join(",\n    ", segments.Select(s => $"toUInt8({compiler.Compile(s.Key, s.Rules)})"));
        return compiler.BuildQuery($"identifier,\n  [{members}]::Array(UInt8) AS members", environmentId, table, orderBy: "identifier");
    }

    /// <summary>
    /// <c>SELECT selectList</c> over the environment's identities (<c>FROM table AS i FINAL WHERE i.environment_id = {env}</c>),
    /// with this compiler's parameters. The row's identifier is available as <c>identifier</c>.
    /// </summary>
    /// <remarks>
    /// Why layers: the scan layer names each subcolumn a condition reads (<c>v_N</c>) and the derived layers compute the
    /// few per-row values several conditions share (<c>d_N</c>, e.g. Python's str() of a trait), so the conditions' text
    /// refers to short names instead of repeating large expressions. Only the columns the select list needs are kept.
    /// </remarks>
    public ClickHouseQuery BuildQuery(string selectList, string environmentId, string table = "identities", string? orderBy = null)
    {
        // Derived columns may use earlier ones; walk back from the last so every use is seen before its definition.
        var needed = References(selectList);
        var derived = new List<KeyValuePair<string, string>>();
        foreach (var column in _derivedColumns.Reverse().Where(c => needed.Contains(c.Value)))
        {
            derived.Insert(0, column);
            needed.UnionWith(References(column.Key));
        }

        var scan = new StringBuilder("SELECT ").Append(_row).Append(".identifier AS identifier");
        foreach (var (expression, name) in _scanColumns.Where(c => needed.Contains(c.Value)))
        {
            scan.Append(",\n  ").Append(expression).Append(" AS ").Append(name);
        }

        scan.Append("\nFROM ").Append(ClickHouseSql.Identifier(table)).Append(" AS ").Append(_row).Append(" FINAL\n")
            .Append("WHERE ").Append(_row).Append(".environment_id = ").Append(Param("String", environmentId));
        // Why one layer per depth: an alias used in the SELECT that defines it is expanded as an expression, which
        // ClickHouse does not always share; a column of the layer below is computed once per row.
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (expression, name) in derived)
        {
            depth[name] = 1 + References(expression).Select(r => depth.GetValueOrDefault(r)).DefaultIfEmpty(0).Max();
        }

        var source = scan.ToString();
        foreach (var layer in derived.GroupBy(c => depth[c.Value]).OrderBy(g => g.Key))
        {
            source = "SELECT *,\n  " + string.Join(",\n  ", layer.Select(c => c.Key + " AS " + c.Value)) + "\nFROM (\n" + source + "\n)";
        }

        var sql = new StringBuilder("SELECT\n  ").Append(selectList).Append("\nFROM (\n").Append(source).Append("\n)");
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

    private static HashSet<string> References(string sql) =>
        ColumnName().Matches(sql).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b[vd]_[0-9]+\b")]
    private static partial System.Text.RegularExpressions.Regex ColumnName();

    /// <summary>A value the scan reads (a subcolumn or a row expression), by its column name.</summary>
    private string ScanColumn(string expression, bool nullable = true)
    {
        if (!_scanColumns.TryGetValue(expression, out var name))
        {
            name = "v_" + _scanColumns.Count.ToString(CultureInfo.InvariantCulture);
            _scanColumns[expression] = name;
            if (!nullable)
            {
                _nonNullable.Add(name);
            }
        }

        return name;
    }

    /// <summary>A per-row value computed once over scan columns, by its column name.</summary>
    private string DerivedColumn(string expression)
    {
        if (!_derivedColumns.TryGetValue(expression, out var name))
        {
            name = "d_" + _derivedColumns.Count.ToString(CultureInfo.InvariantCulture);
            _derivedColumns[expression] = name;
        }

        return name;
    }

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
        var list = parts.Where(p => p != "1").ToList();
        return list.Contains("0") ? "0" : list.Count switch { 0 => "1", 1 => list[0], _ => "(" + string.Join(" AND ", list) + ")" };
    }

    private static string Any(IEnumerable<string> parts)
    {
        var list = parts.Where(p => p != "0").ToList();
        return list.Contains("1") ? "1" : list.Count switch { 0 => "0", 1 => list[0], _ => "(" + string.Join(" OR ", list) + ")" };
    }

    private static string Not(string part) => part switch { "0" => "1", "1" => "0", _ => $"(NOT {part})" };

    // Why: branches are NULL when the row holds another type; closing each condition keeps NOT (NONE rules) two-valued.
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
                return Closed(PercentageSplit(o, segmentKey, condition.Value));
        }

        if (condition.ValueItems is not null)
        {
            return "0";
        }

        var literal = condition.Value ?? "None";
        return Closed(op switch
        {
            SegmentOperator.NotContains => o.S is null ? "0" : All([StrKind(o), $"position({o.S}, {Param("String", literal)}) = 0"]),
            SegmentOperator.Regex => RegexSubset.TryParse(literal, out var pieces, out _)
                ? All([o.Set, $"match({StrForm(o)}, {Param("String", Re2Pattern.Render(pieces))})"])
                : "0",
            SegmentOperator.Modulo => Modulo(o, condition.Value),
            _ => Typed(op, literal, o, condition.IsSemver ? ConditionValues.SemverText(condition) : null),
        });
    }

    /// <summary>Strings compare as strings (or as semantic versions), other types with the literal coerced to their type.</summary>
    private string Typed(SegmentOperator op, string literal, Operand o, string? semver)
    {
        var cmp = op == SegmentOperator.Contains ? string.Empty : Comparison(op);
        var branches = new List<string>();
        if (semver is not null)
        {
            branches.Add(Semver(op, o, semver));
        }
        else if (o.S is not null)
        {
            var s = Param("String", literal);
            if (op == SegmentOperator.Contains)
            {
                // A literal with a character no number has can only be inside a string that is not a number.
                var needsKind = literal.Length == 0 || literal.All(c => char.IsAsciiDigit(c) || c is '-' or '.');
                branches.Add(All([needsKind ? StrKind(o) : "1", $"position({o.S}, {s}) > 0"]));
            }
            else if (!(op == SegmentOperator.Equal && o.Mapped && LooksNumeric(literal)))
            {
                // A string equal to a literal that is no number is itself no number, so it needs no kind check.
                branches.Add(All([op == SegmentOperator.Equal ? "1" : StrKind(o), $"{o.S} {cmp} {s}"]));
            }
        }

        if (op == SegmentOperator.Contains)
        {
            return Any(branches);
        }

        if (PythonLiteral.TryParseInt(literal, out var integer))
        {
            branches.Add(IntegerComparison(o.I64, "Int64", long.MinValue, long.MaxValue, op, integer));
            branches.Add(IntegerComparison(o.U64, "UInt64", ulong.MinValue, ulong.MaxValue, op, integer));
            if (o.S is not null && o.Mapped)
            {
                branches.Add(IntegerTextComparison(o.S, op, integer));
            }
        }

        if (PythonLiteral.TryParseFloat(literal, out var number))
        {
            var f = FloatParam(number);
            if (o.F64 is not null)
            {
                branches.Add($"{o.F64} {cmp} {f}");
            }

            if (o.S is not null && o.Mapped)
            {
                branches.Add(Guarded(o.S, $"{NumericText(o.S, DecimalPattern)} AND toFloat64OrZero({o.S}) {cmp} {f}"));
            }
        }

        if (o.B is not null)
        {
            var flag = literal is not ("False" or "false");
            branches.Add((op, flag) switch
            {
                (SegmentOperator.GreaterThan, true) or (SegmentOperator.LessThan, false) => "0",
                (SegmentOperator.GreaterThanInclusive, false) or (SegmentOperator.LessThanInclusive, true) => $"isNotNull({o.B})",
                _ => $"toUInt8({o.B}) {cmp} {(flag ? "1" : "0")}",
            });
        }

        return Any(branches);
    }

    /// <summary>An integer column against an integer literal, folded to a presence check or 0 when the literal is out of its range.</summary>
    private string IntegerComparison(string? column, string type, BigInteger min, BigInteger max, SegmentOperator op, BigInteger value)
    {
        if (column is null)
        {
            return "0";
        }

        if (value >= min && value <= max)
        {
            return $"{column} {Comparison(op)} {Param(type, value.ToString(CultureInfo.InvariantCulture))}";
        }

        var columnIsBelow = value > max;
        var holds = op switch
        {
            SegmentOperator.NotEqual => true,
            SegmentOperator.LessThan or SegmentOperator.LessThanInclusive => columnIsBelow,
            SegmentOperator.GreaterThan or SegmentOperator.GreaterThanInclusive => !columnIsBelow,
            _ => false,
        };
        return holds ? $"isNotNull({column})" : "0";
    }

    /// <summary>A string holding an integer (Flagsmith maps it to int, leading zeros and all) against an integer literal.</summary>
    private string IntegerTextComparison(string s, SegmentOperator op, BigInteger value)
    {
        if (op is SegmentOperator.Equal or SegmentOperator.NotEqual)
        {
            var magnitude = BigInteger.Abs(value).ToString(CultureInfo.InvariantCulture);
            var pattern = value.IsZero ? "^-?0+$" : value.Sign < 0 ? "^-0*" + magnitude + "$" : "^0*" + magnitude + "$";
            var equal = NumericText(s, pattern);
            return Guarded(s, op == SegmentOperator.Equal ? equal : $"{NumericText(s, IntegerPattern)} AND NOT {equal}");
        }

        return Guarded(s, $"{NumericText(s, IntegerPattern)} AND {IntegerKey(CanonicalInteger(s))} {Comparison(op)} {Param("String", IntegerKey(value))}");
    }

    private string In(Operand o, IReadOnlySet<string>? values)
    {
        if (values is null)
        {
            return "0";
        }

        var ordered = values.Order(StringComparer.Ordinal).ToList();
        var integers = ordered.Where(IsCanonicalInteger).Select(v => BigInteger.Parse(v, CultureInfo.InvariantCulture)).ToList();
        var branches = new List<string>();
        var strings = o.Mapped ? ordered.Where(v => !LooksNumeric(v)).ToArray() : [.. ordered];
        if (o.S is not null && strings.Length > 0)
        {
            branches.Add($"has({Param("Array(String)", strings)}, {o.S})");
        }

        var longs = integers.Where(i => i >= long.MinValue && i <= long.MaxValue).Select(i => (long)i).ToArray();
        if (o.I64 is not null && longs.Length > 0)
        {
            branches.Add($"has({Param("Array(Int64)", longs)}, {o.I64})");
        }

        var ulongs = integers.Where(i => i >= ulong.MinValue && i <= ulong.MaxValue).Select(i => (ulong)i).ToArray();
        if (o.U64 is not null && ulongs.Length > 0)
        {
            branches.Add($"has({Param("Array(UInt64)", ulongs)}, {o.U64})");
        }

        if (o.S is not null && o.Mapped && integers.Count > 0)
        {
            var texts = integers.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
            branches.Add(Guarded(o.S, $"{NumericText(o.S, IntegerPattern)} AND has({Param("Array(String)", texts)}, {CanonicalInteger(o.S)})"));
        }

        return Any(branches);
    }

    private string PercentageSplit(Operand o, string segmentKey, string? value)
    {
        if (!PythonLiteral.TryParseFloat(value, out var threshold) || double.IsNaN(threshold))
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

        var joined = $"concat({segmentKey}, ',', {StrForm(o)})";
        var limit = Param("UInt16", largest.ToString(CultureInfo.InvariantCulture));

        // Why nested ifs: each rehash runs only for the rows whose previous hash was 9998; spelled with OR/AND the
        // chain costs a second full pass of MD5 on ClickHouse 26.5.
        const int Rehashes = 4;
        var expression = string.Empty;
        for (var iteration = Rehashes; iteration >= 1; iteration--)
        {
            var text = iteration == 1 ? joined : $"concat({string.Join(", ',', ", Enumerable.Repeat(joined, iteration))})";
            var hash = $"(reinterpretAsUInt128(reverse(MD5({text}))) % 9999)";
            expression = iteration == Rehashes ? $"{hash} <= {limit}" : $"if({hash} = 9998, {expression}, {hash} <= {limit})";
        }

        return All([o.Set, expression]);
    }

    private string Modulo(Operand o, string? value)
    {
        if (!ConditionValues.TryParseModulo(value, out var divisor, out var remainder) || divisor == 0 || double.IsNaN(divisor))
        {
            return "0";
        }

        // Integers within 2^53 against an integral divisor: exact in Int64. Every other number goes through the exact
        // float remainder, which is large, so it appears once per condition over whichever value the row holds.
        var branches = new List<string>();
        var limit = MaxExactInteger.ToString("R", CultureInfo.InvariantCulture);
        var integral = Math.Abs(divisor) <= MaxExactInteger && Math.Floor(divisor) == divisor;
        var picks = new List<(string When, string Value)>();
        if (o.I64 is not null)
        {
            if (integral)
            {
                branches.Add($"(abs({o.I64}) <= {limit} AND {IntegerModulo(o.I64, (long)divisor, remainder)})");
            }

            picks.Add((integral ? $"abs({o.I64}) > {limit}" : $"isNotNull({o.I64})", $"toFloat64(assumeNotNull({o.I64}))"));
        }

        if (o.U64 is not null)
        {
            picks.Add(($"isNotNull({o.U64})", $"toFloat64(assumeNotNull({o.U64}))"));
        }

        if (o.F64 is not null)
        {
            picks.Add(($"isNotNull({o.F64})", $"assumeNotNull({o.F64})"));
        }

        if (o.S is not null && o.Mapped)
        {
            var s = $"assumeNotNull({o.S})";
            picks.Add((Guarded(o.S, NumericText(o.S, IntegerPattern)), $"toFloat64OrZero({CanonicalInteger(s)})"));
            picks.Add((Guarded(o.S, NumericText(o.S, DecimalPattern)), $"toFloat64OrZero({s})"));
        }

        if (picks.Count > 0)
        {
            var x = picks.Count == 1 ? picks[0].Value : "multiIf(" + string.Join(", ", picks.Select(p => p.When + ", " + p.Value)) + ", 0.)";
            branches.Add(All([Any(picks.Select(p => p.When)), FloatModulo(x, divisor, remainder)]));
        }

        if (o.B is not null)
        {
            // Python's True % d and False % d are known here.
            var whenTrue = PythonModulo(1, divisor) == remainder ? "1" : "0";
            var whenFalse = PythonModulo(0, divisor) == remainder ? "1" : "0";
            branches.Add(whenTrue == whenFalse ? (whenTrue == "1" ? $"isNotNull({o.B})" : "0") : $"{o.B} = {(whenTrue == "1" ? "true" : "false")}");
        }

        return Any(branches);
    }

    private static double PythonModulo(double x, double divisor)
    {
        var r = x % divisor;
        return r != 0 && (r < 0) != (divisor < 0) ? r + divisor : r;
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
    private static bool LooksNumeric(string s)
    {
        var body = s.StartsWith('-') ? s.AsSpan(1) : s.AsSpan();
        var dot = body.IndexOf('.');
        var whole = dot < 0 ? body : body[..dot];
        return whole.Length > 0 && AllDigits(whole) && (dot < 0 || (dot < body.Length - 1 && AllDigits(body[(dot + 1)..])));
    }

    private static bool AllDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Python's <c>str()</c> of an int: what an int value must equal, as text, to be IN a list.</summary>
    private static bool IsCanonicalInteger(string s) =>
        LooksNumeric(s) && !s.Contains('.') && BigInteger.Parse(s, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) == s;

    // ---- operands: a property's value, as the typed views a condition can compare ------------------------------------

    /// <summary>
    /// A context value. <c>Set</c> is a UInt8 expression; the views are Nullable expressions, NULL when the row's value
    /// has another type, and null here when no row can have that type. <c>Mapped</c>: a numeric-looking string counts as
    /// an int or float (Flagsmith's mapping of trait and context strings).
    /// </summary>
    private sealed record Operand(string Set, string? S, string? I64, string? U64, string? F64, string? B, bool Mapped);

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
                ContextTarget.IdentityIdentifier => MappedString("identifier"),
                ContextTarget.IdentityKey => MappedString(IdentityKeySql()),
                ContextTarget.EnvironmentKey => MappedString(Param("String", _environment.Key)),
                ContextTarget.EnvironmentName => MappedString(Param("String", _environment.Name)),
                ContextTarget.Trait => TraitOperand(reference.ContextTraitKey!),
                _ => new Operand("0", null, null, null, null, null, true),
            };
            result = Fallback(literal, target);
        }

        _operands["p:" + property] = result;
        return result;
    }

    /// <summary>A trait literally named like a context path wins over the path's value.</summary>
    private static Operand Fallback(Operand literal, Operand target)
    {
        if (literal.Set == "0")
        {
            return target;
        }

        string? View(string? l, string? t) => (l, t) switch
        {
            (null, null) => null,
            (_, null) => l,
            (null, _) => $"if({literal.Set}, NULL, {t})",
            _ => $"if({literal.Set}, {l}, {t})",
        };

        var set = target.Set switch { "1" => "1", "0" => literal.Set, _ => $"({literal.Set} OR {target.Set})" };
        return new Operand(set, View(literal.S, target.S), View(literal.I64, target.I64), View(literal.U64, target.U64),
            View(literal.F64, target.F64), View(literal.B, target.B), true);
    }

    private Operand TraitOperand(string key)
    {
        // Why a direct subcolumn: getSubcolumn() reads the whole JSON column, a path reads only that path's data.
        var path = key.Length == 0 ? $"getSubcolumn({_row}.traits, {Param("String", key)})" : _row + "." + ClickHouseSql.JsonPath("traits", key);
        IReadOnlySet<string>? types = null;
        if (_traitTypes is not null && key.Length > 0 && !_traitTypes.TryGetValue(key, out types))
        {
            return new Operand("0", null, null, null, null, null, true);
        }

        string? View(string type) => types is null || types.Contains(type) ? ScanColumn($"{path}.:{type}") : null;
        return new Operand(ScanColumn($"isNotNull({path})"), View("String"), View("Int64"), View("UInt64"), View("Float64"), View("Bool"), true);
    }

    private static Operand MappedString(string sql) => new("1", sql, null, null, null, null, true);

    private Operand IdentityKeyUnmapped() => new("1", IdentityKeySql(), null, null, null, null, false);

    private string IdentityKeySql() => ScanColumn(
        $"if({_row}.identity_key = '', concat({Param("String", _environment.Key)}, '_', {_row}.identifier), {_row}.identity_key)", nullable: false);

    /// <summary>The operand is a string that is not a number (always, when strings are not mapped).</summary>
    private string StrKind(Operand o) => o.Mapped ? Guarded(o.S!, $"NOT {NumericText(o.S!, NumberPattern)}") : "1";

    /// <summary>
    /// <paramref name="s"/> fully matches a pattern over the characters <c>-.0-9</c> only. Why the trim first: most
    /// strings hold another character, and ruling them out by a trim costs a fraction of running the regex.
    /// </summary>
    private string NumericText(string s, string pattern) => $"(trimLeft({s}, '-.0123456789') = '' AND match({s}, {Param("String", pattern)}))";

    /// <summary>Checks presence first, so the (short-circuited) work after it runs only on rows holding the view's type.</summary>
    private string Guarded(string view, string expression) => IsNullable(view) ? $"(isNotNull({view}) AND {expression})" : expression;

    /// <summary>Python's <c>str()</c> of the operand (NULL when not set), numeric strings as their mapped int or float.</summary>
    private string StrForm(Operand o)
    {
        var branches = new List<(string When, string Then)>();
        if (o.S is not null)
        {
            var s = $"assumeNotNull({o.S})";
            var text = o.Mapped
                ? $"multiIf(NOT {NumericText(s, NumberPattern)}, {s}, match({s}, {Param("String", IntegerPattern)}), {CanonicalInteger(s)}, {FloatRepr($"toFloat64OrZero({s})")})"
                : s;
            branches.Add((IsNullable(o.S) ? $"isNotNull({o.S})" : "1", text));
        }

        if (o.I64 is not null)
        {
            branches.Add(($"isNotNull({o.I64})", $"toString(assumeNotNull({o.I64}))"));
        }

        if (o.U64 is not null)
        {
            branches.Add(($"isNotNull({o.U64})", $"toString(assumeNotNull({o.U64}))"));
        }

        if (o.F64 is not null)
        {
            branches.Add(($"isNotNull({o.F64})", FloatRepr($"assumeNotNull({o.F64})")));
        }

        if (o.B is not null)
        {
            branches.Add(($"isNotNull({o.B})", $"if(assumeNotNull({o.B}), 'True', 'False')"));
        }

        if (branches.Count == 0)
        {
            return "NULL";
        }

        return DerivedColumn(branches[0].When == "1" ? branches[0].Then : "multiIf(" + string.Join(", ", branches.Select(b => b.When + ", " + b.Then)) + ", NULL)");
    }

    private bool IsNullable(string view) => !(_nonNullable.Contains(view) || view.StartsWith('{'));

    private string Param(string type, object value)
    {
        var identity = value switch
        {
            string s => s,
            ulong u => u.ToString(CultureInfo.InvariantCulture),
            string[] a => string.Join("\u0001", a.Select(x => x.Length.ToString(CultureInfo.InvariantCulture) + ":" + x)),
            long[] a => string.Join(",", a.Select(x => x.ToString(CultureInfo.InvariantCulture))),
            ulong[] a => string.Join(",", a.Select(x => x.ToString(CultureInfo.InvariantCulture))),
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
