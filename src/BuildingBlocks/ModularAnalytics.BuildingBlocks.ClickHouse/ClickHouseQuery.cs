namespace ModularAnalytics.BuildingBlocks.ClickHouse;

/// <summary>
/// One SQL statement plus everything sent alongside it. Parameters are bound server-side through
/// <c>{name:Type}</c> placeholders, never spliced into the text. The statement must not carry its own
/// FORMAT clause or a trailing semicolon: the transport chooses the format.
/// </summary>
public sealed record ClickHouseQuery
{
    public ClickHouseQuery(string sql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        Sql = sql;
    }

    public string Sql { get; }

    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>ClickHouse settings for this query only (e.g. <c>max_threads</c> = <c>"4"</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Sent as the <c>log_comment</c> setting so spend can be attributed in query_log.</summary>
    public string? LogComment { get; init; }

    /// <summary>Server transport only; the embedded engine has no per-call query id.</summary>
    public string? QueryId { get; init; }

    public ClickHouseQuery WithParameter(string name, object? value)
    {
        var copy = new Dictionary<string, object?>(Parameters) { [name] = value };
        return this with { Parameters = copy };
    }

    public ClickHouseQuery WithSetting(string name, string value)
    {
        var copy = new Dictionary<string, string>(Settings) { [name] = value };
        return this with { Settings = copy };
    }

    public ClickHouseQuery WithLogComment(string? logComment) => this with { LogComment = logComment };

    /// <summary>
    /// Settings as they go on the wire: the query's own plus <c>log_comment</c>; reads also ask for NaN/Inf as
    /// quoted strings, which JSON formats otherwise render as null.
    /// </summary>
    internal IEnumerable<KeyValuePair<string, string>> EffectiveSettings(bool read)
    {
        var settings = Settings;
        if (read && !settings.ContainsKey("output_format_json_quote_denormals"))
        {
            settings = new Dictionary<string, string>(settings) { ["output_format_json_quote_denormals"] = "1" };
        }

        return ClickHouseSql.MergeSettings(settings, LogComment);
    }
}

/// <summary>A bulk insert of rows serialised as JSONEachRow into <see cref="Table"/> of the service database.</summary>
public sealed record ClickHouseInsert
{
    public ClickHouseInsert(string table)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        Table = table;
    }

    /// <summary>Unquoted table name; it is quoted by the transport.</summary>
    public string Table { get; }

    /// <summary>Optional column list; when null ClickHouse maps JSON keys to columns by name.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public string? LogComment { get; init; }

    public string? QueryId { get; init; }

    /// <summary>
    /// <c>JSONEachRow</c> (rows are objects) or <c>JSONCompactEachRow</c> (rows are arrays in <see cref="Columns"/>
    /// order: no column names repeated in every row, for wide bulk inserts).
    /// </summary>
    public string Format
    {
        get => _format;
        init => _format = value is "JSONEachRow" or "JSONCompactEachRow"
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Rows are sent as JSONEachRow or JSONCompactEachRow.");
    }

    private readonly string _format = "JSONEachRow";

    /// <summary>How rows are serialised; defaults to <see cref="ClickHouseJson.DefaultSerializerOptions"/>.</summary>
    public System.Text.Json.JsonSerializerOptions? SerializerOptions { get; init; }

    internal string BuildStatement(bool withSettings)
    {
        var sql = new System.Text.StringBuilder("INSERT INTO ").Append(ClickHouseSql.Identifier(Table));
        if (Columns is { Count: > 0 })
        {
            sql.Append(" (").AppendJoin(", ", Columns.Select(ClickHouseSql.Identifier)).Append(')');
        }

        if (withSettings)
        {
            var clause = ClickHouseSql.SettingsClause(EffectiveSettings());
            if (clause.Length > 0)
            {
                sql.Append(' ').Append(clause);
            }
        }

        return sql.Append(" FORMAT ").Append(Format).ToString();
    }

    /// <summary>The same insert reading its rows from a file of the server's (here: the embedded engine's) file system.</summary>
    internal string BuildFromFile(string path)
    {
        var sql = new System.Text.StringBuilder("INSERT INTO ").Append(ClickHouseSql.Identifier(Table));
        if (Columns is { Count: > 0 })
        {
            sql.Append(" (").AppendJoin(", ", Columns.Select(ClickHouseSql.Identifier)).Append(')');
        }

        sql.Append(" SELECT * FROM file(").Append(ClickHouseSql.StringLiteral(path)).Append(", ").Append(ClickHouseSql.StringLiteral(Format)).Append(')');
        var clause = ClickHouseSql.SettingsClause(EffectiveSettings());
        return clause.Length > 0 ? sql.Append(' ').Append(clause).ToString() : sql.ToString();
    }

    // Why best_effort: rows carry ISO-8601 UTC timestamps ("...Z"), which the basic parser rejects.
    internal IEnumerable<KeyValuePair<string, string>> EffectiveSettings() =>
        ClickHouseSql.MergeSettings(
            Settings.ContainsKey("date_time_input_format")
                ? Settings
                : new Dictionary<string, string>(Settings) { ["date_time_input_format"] = "best_effort" },
            LogComment);
}
