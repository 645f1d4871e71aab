using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace ModularAnalytics.BuildingBlocks.Dashboard.Rendering;

/// <summary>Every time on the dashboard is UTC, labelled so, with the exact instant in the datetime attribute.</summary>
public static class Utc
{
    public static IHtmlContent Time(DateTimeOffset? instant, string whenMissing = "never")
    {
        if (instant is not { } value)
        {
            return new HtmlString($"<span class=\"muted\">{System.Net.WebUtility.HtmlEncode(whenMissing)}</span>");
        }

        var utc = value.ToUniversalTime();
        return new HtmlString(
            $"<time datetime=\"{utc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}\">{Text(utc)}</time>");
    }

    public static IHtmlContent Time(DateTime? instant, string whenMissing = "never") =>
        Time(instant is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null, whenMissing);

    public static string Text(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>An axis label for an hour or day bucket.</summary>
    public static string Bucket(DateTimeOffset bucket, bool daily) =>
        bucket.ToUniversalTime().ToString(daily ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
