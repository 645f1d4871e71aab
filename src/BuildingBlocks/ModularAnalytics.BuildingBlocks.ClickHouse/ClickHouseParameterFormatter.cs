using System.Collections;
using System.Globalization;
using System.Text;

namespace ModularAnalytics.BuildingBlocks.ClickHouse;

/// <summary>
/// Renders .NET values in the escaped text form ClickHouse parses <c>{name:Type}</c> parameters from
/// (the HTTP interface's <c>param_x</c> and chDB's parameter API share it). Top-level strings use TSV
/// escaping; array elements use quoted-literal form. Null is <c>\N</c> and needs a Nullable(...) placeholder.
/// Date-times are sent as UTC Unix timestamps so the server's time zone cannot shift them.
/// </summary>
internal static class ClickHouseParameterFormatter
{
    public static string Format(object? value) => value switch
    {
        null or DBNull => @"\N",
        string s => EscapeTopLevel(s),
        char c => EscapeTopLevel(c.ToString()),
        IEnumerable sequence and not byte[] => FormatArray(sequence),
        _ => FormatScalar(value),
    };

    private static string FormatScalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        sbyte or byte or short or ushort or int or uint or long or ulong or Int128 or UInt128 =>
            Convert.ToString(value, CultureInfo.InvariantCulture)!,
        float f => FormatDouble(f),
        double d => FormatDouble(d),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateTime dt => UnixSeconds(ToUtc(dt)),
        DateTimeOffset dto => UnixSeconds(dto.UtcDateTime),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Guid g => g.ToString("D"),
        Enum e => EscapeTopLevel(e.ToString()),
        _ => throw new NotSupportedException($"ClickHouse parameters of type {value.GetType()} are not supported."),
    };

    // Why: an Unspecified DateTime is taken as UTC, matching how the service stores every timestamp.
    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => value,
    };

    private static string UnixSeconds(DateTime utc)
    {
        var ticks = utc.Ticks - DateTime.UnixEpoch.Ticks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var fraction);
        if (fraction < 0)
        {
            seconds -= 1;
            fraction += TimeSpan.TicksPerSecond;
        }

        return fraction == 0
            ? seconds.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{seconds}.{fraction:D7}");
    }

    private static string FormatDouble(double d) =>
        double.IsNaN(d) ? "nan"
        : double.IsPositiveInfinity(d) ? "inf"
        : double.IsNegativeInfinity(d) ? "-inf"
        : d.ToString("R", CultureInfo.InvariantCulture);

    private static string FormatArray(IEnumerable sequence)
    {
        var sb = new StringBuilder("[");
        var first = true;
        foreach (var item in sequence)
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            sb.Append(FormatElement(item));
        }

        return sb.Append(']').ToString();
    }

    private static string FormatElement(object? item) => item switch
    {
        null or DBNull => "NULL",
        string s => ClickHouseSql.Quote(s, '\''),
        char c => ClickHouseSql.Quote(c.ToString(), '\''),
        IEnumerable nested and not byte[] => FormatArray(nested),
        DateTime or DateTimeOffset or DateOnly or Guid or Enum => ClickHouseSql.Quote(FormatScalar(item), '\''),
        _ => FormatScalar(item),
    };

    private static string EscapeTopLevel(string value) =>
        ClickHouseSql.AppendEscaped(new StringBuilder(value.Length), value, quote: null).ToString();
}
