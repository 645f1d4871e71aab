using System.Globalization;
using System.Text;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.SegmentMembership.Domain.Prepared;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

/// <summary>
/// Compiles segment rules to ClickHouse boolean expressions over one row of the warehouse table <c>identities</c>, with
/// Flagsmith's semantics (the ones the tests' oracle, <c>SegmentEvaluator</c>, implements separately so each checks the other).
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
