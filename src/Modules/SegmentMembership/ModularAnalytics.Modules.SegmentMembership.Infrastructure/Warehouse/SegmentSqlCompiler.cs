using System.Globalization;
using System.Numerics;
using System.Text;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.SegmentMembership.Domain.Prepared;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

/// <summary>A segment to compile: <see cref="Key"/> salts PERCENTAGE_SPLIT; <see cref="Label"/> names its result column.</summary>
internal sealed record SegmentToCompile(string Label, string Key, IReadOnlyList<SegmentRule> Rules);

/// <summary>
/// Compiles segment rules to ClickHouse boolean expressions over one row of the warehouse table <c>identities</c>, with
/// Flagsmith's semantics (the ones <c>SegmentEvaluator</c> implements, written separately so each checks the other).
/// Every value that comes from a rule or the environment is bound as a <c>{pN:Type}</c> parameter; trait names become
/// backtick-escaped JSON subcolumn paths.
/// </summary>
/// <remarks>
/// Why it is shaped this way: what Python's semantics need of a value (its kind after Flagsmith's string mapping, its
/// <c>str()</c>, its float value, integer and semver keys) is prepared once when the identity is written
/// (<see cref="IdentityWarehouseRows"/>), so a condition here is a few comparisons of prepared subcolumns against values
/// the compiler derived from the rule — in C#, once — and the query stays small enough to plan in milliseconds.
/// Comparisons are NULL when the row holds another kind; each condition is closed with <c>ifNull(…, 0)</c>.
/// One instance builds one query: parameters accumulate.
/// </remarks>
internal sealed partial class SegmentSqlCompiler
{
    private const double MaxExactInteger = 9007199254740992d;

    private static readonly IReadOnlySet<PreparedKind> AllKinds = new HashSet<PreparedKind>(Enum.GetValues<PreparedKind>());
    private static readonly IReadOnlySet<PreparedKind> NoKinds = new HashSet<PreparedKind>();

    private readonly Dictionary<string, object?> _parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string Value), string> _parameterByValue = [];
    private readonly Dictionary<string, Operand> _operands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _scan = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _derived = new(StringComparer.Ordinal);
    private readonly EnvironmentContext _environment;
    private readonly IReadOnlyDictionary<string, IReadOnlySet<string>>? _traitTypes;
    private readonly string _row;

    /// <param name="traitTypes">
    /// The JSON value types each trait path of <c>traits</c> holds (ClickHouse type names); a path missing from it holds
    /// no value. Null when unknown: every kind is then considered.
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

    /// <summary>Counts each segment's members among an environment's identities in one scan: one <c>countIf</c> per segment.</summary>
    public static ClickHouseQuery CountQuery(string environmentId, EnvironmentContext environment, IReadOnlyList<SegmentToCompile> segments, string table = "identities", IReadOnlyDictionary<string, IReadOnlySet<string>>? traitTypes = null)
    {
        var compiler = new SegmentSqlCompiler(environment, traitTypes: traitTypes);
        var columns = segments.Select(s => $"countIf({compiler.Compile(s.Key, s.Rules)}) AS {ClickHouseSql.Identifier(s.Label)}").ToList();
        return compiler.BuildQuery(columns.Count == 0 ? "count() AS `identities`" : string.Join(",\n  ", columns), environmentId, table);
    }

    /// <summary>Per identity of an environment: its identifier and an Array(UInt8) <c>members</c>, one element per segment.</summary>
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
    /// Why a scan layer: each subcolumn a condition reads is named once there (<c>c_N</c>) and the conditions refer to
    /// the short name; resolving a JSON subcolumn path is the costly part of planning, and a condition such as MODULO
    /// uses its value many times over. A second layer computes the few per-row values several conditions share
    /// (<c>d_N</c>: a float's mantissa and exponent, the identity key), once per row instead of once per use.
    /// </remarks>
    public ClickHouseQuery BuildQuery(string selectList, string environmentId, string table = "identities", string? orderBy = null)
    {
        // Only what the select list (and the derived values it uses) refers to is read: an operand names all its views.
        var derived = _derived.Where(d => References(selectList).Contains(d.Value)).ToList();
        var needed = References(selectList + string.Concat(derived.Select(d => d.Key)));
        var sql = new StringBuilder("SELECT\n  ").Append(selectList).Append("\nFROM (\n  SELECT ").Append(_row).Append(".identifier AS identifier");
        foreach (var (expression, name) in _scan.Where(c => needed.Contains(c.Value)))
        {
            sql.Append(",\n    ").Append(expression).Append(" AS ").Append(name);
        }

        sql.Append("\n  FROM ").Append(ClickHouseSql.Identifier(table)).Append(" AS ").Append(_row).Append(" FINAL\n")
            .Append("  WHERE ").Append(_row).Append(".environment_id = ").Append(Param("String", environmentId)).Append("\n)");
        if (derived.Count > 0)
        {
            var scan = sql.ToString();
            var from = scan.IndexOf("\nFROM (", StringComparison.Ordinal);
            sql = new StringBuilder(scan[..from]).Append("\nFROM (\n  SELECT *");
            foreach (var (expression, name) in derived)
            {
                sql.Append(",\n    ").Append(expression).Append(" AS ").Append(name);
            }

            sql.Append("\n  FROM (").Append(scan[(from + "\nFROM (".Length)..].Replace("\n", "\n  ", StringComparison.Ordinal)).Append("\n)");
        }
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

    [System.Text.RegularExpressions.GeneratedRegex(@"\b[cd]_[0-9]+\b")]
    private static partial System.Text.RegularExpressions.Regex ColumnName();

    /// <summary>A per-row value computed once over scan columns, by its column name.</summary>
    private string Derived(string expression)
    {
        if (!_derived.TryGetValue(expression, out var name))
        {
            name = "d_" + _derived.Count.ToString(CultureInfo.InvariantCulture);
            _derived[expression] = name;
        }

        return name;
    }

    /// <summary>A value of the row, read in the scan layer, by its column name.</summary>
    private string Scan(string expression)
    {
        if (!_scan.TryGetValue(expression, out var name))
        {
            name = "c_" + _scan.Count.ToString(CultureInfo.InvariantCulture);
            _scan[expression] = name;
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
                return Closed(PercentageSplit(o, segmentKey, condition.Value));
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

    private string PercentageSplit(Operand o, string segmentKey, string? value)
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

        var joined = $"concat({segmentKey}, ',', {o.Text})";
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
        var exact = Math.Abs(divisor) <= MaxExactInteger && Math.Floor(divisor) == divisor
            ? $"if({small}, {IntegerModulo($"toInt64(assumeNotNull({x}))", (long)divisor, remainder)}, {FloatModulo(x, divisor, remainder)})"
            : FloatModulo(x, divisor, remainder);
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

    // ---- operands: a property's prepared values ----------------------------------------------------------------------

    /// <summary>
    /// A context value. <c>Set</c> is a UInt8 expression; the others are Nullable expressions, NULL when the value is
    /// not set or has no such form, and null here when no row can have them. <see cref="Kinds"/> are the kinds it can have.
    /// </summary>
    private sealed record Operand(string Set, string? Kind, IReadOnlySet<PreparedKind> Kinds, string? Text, string? Number, string? Integer, string? Semver);

    private static readonly Operand Unset = new("0", null, NoKinds, null, null, null, null);

    private Operand Property(string property)
    {
        if (_operands.TryGetValue(property, out var cached))
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
                ContextTarget.IdentityIdentifier => ContextColumns("identifier", "1"),
                ContextTarget.IdentityKey => IdentityKey(),
                ContextTarget.EnvironmentKey => Constant(_environment.Key),
                ContextTarget.EnvironmentName => Constant(_environment.Name),
                ContextTarget.Trait => TraitOperand(reference.ContextTraitKey!),
                _ => Unset,
            };
            result = Fallback(literal, target);
        }

        _operands[property] = result;
        return result;
    }

    /// <summary>A trait literally named like a context path wins over the path's value.</summary>
    private static Operand Fallback(Operand literal, Operand target)
    {
        if (literal.Set == "0")
        {
            return target;
        }

        if (target.Set == "0")
        {
            return literal;
        }

        string? Pick(string? l, string? t) => (l, t) switch
        {
            (null, null) => null,
            (_, null) => $"if({literal.Set}, {l}, NULL)",
            (null, _) => $"if({literal.Set}, NULL, {t})",
            _ => $"if({literal.Set}, {l}, {t})",
        };

        var kinds = new HashSet<PreparedKind>(literal.Kinds);
        kinds.UnionWith(target.Kinds);
        var set = target.Set == "1" ? "1" : $"({literal.Set} OR {target.Set})";
        return new Operand(set, Pick(KindExpression(literal), KindExpression(target)), kinds, Pick(literal.Text, target.Text),
            Pick(literal.Number, target.Number), Pick(literal.Integer, target.Integer), Pick(literal.Semver, target.Semver));
    }

    private static string? KindExpression(Operand o) =>
        o.Kind ?? (o.Kinds.Count == 1 ? $"if({o.Set}, {((int)o.Kinds.Single()).ToString(CultureInfo.InvariantCulture)}, NULL)" : null);

    private Operand TraitOperand(string key)
    {
        var kinds = AllKinds;
        if (_traitTypes is not null && key.Length > 0)
        {
            if (!_traitTypes.TryGetValue(key, out var types))
            {
                return Unset;
            }

            kinds = KindsOf(types);
        }

        // Why direct subcolumns: getSubcolumn() reads the whole JSON column, a path reads only that path's data.
        string Column(string column, string type) => Scan(key.Length == 0
            ? $"getSubcolumn({_row}.{column}, {Param("String", key)}).:{type}"
            : $"{_row}.{ClickHouseSql.JsonPath(column, key)}.:{type}");

        var integer = kinds.Contains(PreparedKind.Integer) ? Column("trait_integer", "String") : null;
        var number = kinds.Overlaps([PreparedKind.Integer, PreparedKind.Float, PreparedKind.Boolean]) ? Column("trait_number", "Float64") : null;
        var kind = kinds.Count > 1 ? Column("trait_kind", "Int64") : null;
        var set = kinds.Count switch
        {
            0 => "0",
            1 when kinds.Contains(PreparedKind.Integer) => $"isNotNull({integer})",
            1 when !kinds.Contains(PreparedKind.String) => $"isNotNull({number})",
            _ => $"isNotNull({kind ?? Column("trait_kind", "Int64")})",
        };
        return new Operand(set, kind, kinds, Column("trait_text", "String"), number, integer,
            kinds.Contains(PreparedKind.String) ? Column("trait_semver", "String") : null);
    }

    /// <summary>Which prepared kinds a trait path can hold, from the JSON types of its raw values.</summary>
    private static HashSet<PreparedKind> KindsOf(IReadOnlySet<string> types)
    {
        var kinds = new HashSet<PreparedKind>();
        foreach (var type in types)
        {
            kinds.UnionWith(type switch
            {
                "String" => [PreparedKind.String, PreparedKind.Integer, PreparedKind.Float],
                "Int64" or "UInt64" => [PreparedKind.Integer],
                "Float64" => [PreparedKind.Float],
                "Bool" => [PreparedKind.Boolean],
                _ => AllKinds,
            });
        }

        return kinds;
    }

    /// <summary>A prepared context string of the row (identifier, explicit identity key): kind 0 when absent.</summary>
    private Operand ContextColumns(string prefix, string set) =>
        new(set, Scan($"{_row}.{prefix}_kind"), new HashSet<PreparedKind> { PreparedKind.String, PreparedKind.Integer, PreparedKind.Float },
            Scan($"{_row}.{prefix}_text"), Scan($"{_row}.{prefix}_number"), Scan($"{_row}.{prefix}_integer"), Scan($"{_row}.{prefix}_semver"));

    /// <summary>
    /// The identity key: the explicit one, prepared; otherwise <c>&lt;environment key&gt;_&lt;identifier&gt;</c>, which
    /// holds '_' and so is always a string and never a version.
    /// </summary>
    private Operand IdentityKey()
    {
        var key = ContextColumns("key", "1");
        var explicitKey = $"{Scan($"{_row}.identity_key")} != ''";
        return key with
        {
            Kind = $"if({explicitKey}, {key.Kind}, 1)",
            Text = $"if({explicitKey}, {key.Text}, concat({Param("String", _environment.Key)}, '_', identifier))",
        };
    }

    /// <summary>An environment value, prepared here: the same for every row.</summary>
    private Operand Constant(string text)
    {
        var value = PreparedValue.OfString(text);
        return new Operand("1", null, new HashSet<PreparedKind> { value.Kind }, Param("String", value.Text),
            value.Number is { } n ? FloatParam(n) : null,
            value.IntegerKey is { } i ? Param("String", i) : null,
            value.SemverKey is { } s ? Param("String", s) : null);
    }

    private Operand IdentityKeyUnmapped() =>
        new("1", null, new HashSet<PreparedKind> { PreparedKind.String },
            Derived($"if({Scan($"{_row}.identity_key")} = '', concat({Param("String", _environment.Key)}, '_', identifier), {Scan($"{_row}.identity_key")})"), null, null, null);

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
