using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace ModularAnalytics.BuildingBlocks.ClickHouse;

public sealed record ClickHouseColumn(string Name, string Type);

public sealed record ClickHouseStatistics(double ElapsedSeconds, ulong RowsRead, ulong BytesRead);

/// <summary>A fully read result (ClickHouse's JSONCompact shape): columns, rows and statistics.</summary>
public sealed class ClickHouseResult : IReadOnlyList<ClickHouseRow>
{
    private readonly IReadOnlyList<ClickHouseRow> _rows;

    internal ClickHouseResult(IReadOnlyList<ClickHouseColumn> columns, IReadOnlyList<ClickHouseRow> rows, ClickHouseStatistics? statistics, string? queryId)
    {
        Columns = columns;
        _rows = rows;
        Statistics = statistics;
        QueryId = queryId;
    }

    public IReadOnlyList<ClickHouseColumn> Columns { get; }

    public ClickHouseStatistics? Statistics { get; }

    public string? QueryId { get; }

    public int Count => _rows.Count;

    public ClickHouseRow this[int index] => _rows[index];

    public IEnumerator<ClickHouseRow> GetEnumerator() => _rows.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Parses a JSONCompact document; an empty body (a statement with no output) is an empty result.</summary>
    internal static ClickHouseResult Parse(ReadOnlySpan<byte> utf8Json, string? queryId)
    {
        if (utf8Json.Trim(" \t\r\n"u8).IsEmpty)
        {
            return new ClickHouseResult([], [], null, queryId);
        }

        var root = JsonSerializer.Deserialize<JsonElement>(utf8Json);
        var columns = new List<ClickHouseColumn>();
        foreach (var meta in root.GetProperty("meta").EnumerateArray())
        {
            columns.Add(new ClickHouseColumn(meta.GetProperty("name").GetString()!, meta.GetProperty("type").GetString()!));
        }

        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            ordinals.TryAdd(columns[i].Name, i);
        }

        var rows = new List<ClickHouseRow>();
        foreach (var data in root.GetProperty("data").EnumerateArray())
        {
            rows.Add(new ClickHouseRow(data, ordinals));
        }

        ClickHouseStatistics? statistics = null;
        if (root.TryGetProperty("statistics", out var stats))
        {
            statistics = new ClickHouseStatistics(
                stats.TryGetProperty("elapsed", out var e) ? e.GetDouble() : 0,
                stats.TryGetProperty("rows_read", out var r) ? ReadUInt64(r) : 0,
                stats.TryGetProperty("bytes_read", out var b) ? ReadUInt64(b) : 0);
        }

        return new ClickHouseResult(columns, rows, statistics, queryId);
    }

    internal static ulong ReadUInt64(JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? ulong.Parse(e.GetString()!, CultureInfo.InvariantCulture) : e.GetUInt64();
}

/// <summary>
/// One row. Getters accept ClickHouse's JSON renderings: 64-bit integers quoted or not, Bool or UInt8,
/// DateTime as "yyyy-MM-dd HH:mm:ss[.fff]" (read as UTC: declare columns with the 'UTC' time zone).
/// </summary>
public sealed class ClickHouseRow
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.fffffffff", "yyyy-MM-dd",
    ];

    private readonly JsonElement _values;
    private readonly IReadOnlyDictionary<string, int> _ordinals;

    internal ClickHouseRow(JsonElement values, IReadOnlyDictionary<string, int> ordinals)
    {
        _values = values;
        _ordinals = ordinals;
    }

    public int FieldCount => _values.GetArrayLength();

    /// <summary>The raw JSON value of a column.</summary>
    public JsonElement this[int ordinal] => _values[ordinal];

    public JsonElement this[string column] => _values[Ordinal(column)];

    public int Ordinal(string column) =>
        _ordinals.TryGetValue(column, out var i) ? i : throw new KeyNotFoundException($"The result has no column '{column}'.");

    public bool IsNull(string column) => this[column].ValueKind == JsonValueKind.Null;

    public string? GetString(string column)
    {
        var e = this[column];
        return e.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => e.GetString(),
            _ => e.GetRawText(),
        };
    }

    public long GetInt64(string column) => ParseInteger(this[column], long.Parse, static e => e.GetInt64());

    public ulong GetUInt64(string column) => ParseInteger(this[column], ulong.Parse, static e => e.GetUInt64());

    public int GetInt32(string column) => checked((int)GetInt64(column));

    public double GetDouble(string column)
    {
        var e = this[column];
        if (e.ValueKind != JsonValueKind.String)
        {
            return e.GetDouble();
        }

        return e.GetString() switch
        {
            "nan" or "-nan" => double.NaN,
            "inf" or "+inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            var s => double.Parse(s!, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
    }

    public decimal GetDecimal(string column)
    {
        var e = this[column];
        return e.ValueKind == JsonValueKind.String
            ? decimal.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : e.GetDecimal();
    }

    public bool GetBoolean(string column)
    {
        var e = this[column];
        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => GetInt64(column) != 0,
        };
    }

    public DateTime GetDateTime(string column)
    {
        var e = this[column];
        if (e.ValueKind == JsonValueKind.Number)
        {
            return DateTime.UnixEpoch.AddTicks((long)(e.GetDecimal() * TimeSpan.TicksPerSecond));
        }

        var text = e.GetString()!;
        return DateTime.ParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }

    public Guid GetGuid(string column) => Guid.Parse(this[column].GetString()!);

    /// <summary>Deserialises a column (arrays, maps, tuples-as-arrays, JSON) with System.Text.Json.</summary>
    public T? Get<T>(string column) => this[column].Deserialize<T>(ClickHouseJson.DefaultSerializerOptions);

    private static T ParseInteger<T>(JsonElement e, Func<string, IFormatProvider, T> parse, Func<JsonElement, T> read) =>
        e.ValueKind == JsonValueKind.String ? parse(e.GetString()!, CultureInfo.InvariantCulture) : read(e);
}
