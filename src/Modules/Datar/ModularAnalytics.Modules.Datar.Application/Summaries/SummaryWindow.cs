using System.Globalization;
using ModularAnalytics.Modules.Datar.Domain.Aggregation;

namespace ModularAnalytics.Modules.Datar.Application.Summaries;

/// <summary>
/// A summary's time window in whole UTC hours, [FromHour, ToHour). `from`/`to` are RFC 3339 timestamps or
/// YYYY-MM-DD dates; a date `to` includes that whole day. The default is the last 7 days up to now.
/// </summary>
internal sealed record SummaryWindow(long FromHour, long ToHour)
{
    public static readonly TimeSpan DefaultLength = TimeSpan.FromDays(7);

    // Bounds outside these would overflow the window arithmetic (a week before `to`, a day after a date).
    public static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;
    public static readonly DateTimeOffset Latest = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool TryParseBound(string? value, bool isEnd, out DateTimeOffset? bound)
    {
        bound = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (!InRange(start))
            {
                return false;
            }

            bound = isEnd ? start.AddDays(1) : start;
            return InRange(bound.Value);
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            && value.Contains('T', StringComparison.OrdinalIgnoreCase))
        {
            bound = parsed;
            return InRange(parsed);
        }

        return false;
    }

    private static bool InRange(DateTimeOffset bound) => bound >= Earliest && bound <= Latest;

    public static SummaryWindow Resolve(string? from, string? to, DateTimeOffset now)
    {
        TryParseBound(to, isEnd: true, out var end);
        TryParseBound(from, isEnd: false, out var start);
        var toInstant = end ?? now;
        var fromInstant = start ?? toInstant - DefaultLength;
        // Hours that overlap the window: the one holding `from` through the one holding the last instant before `to`.
        // Without `to` the window runs up to now inclusive, so the current hour (a record stamped "now") counts.
        var toHour = end is null ? EvaluationKey.HourOf(now) + 1 : EvaluationKey.HourOf(toInstant.AddTicks(-1)) + 1;
        return new SummaryWindow(EvaluationKey.HourOf(fromInstant), toHour);
    }
}
