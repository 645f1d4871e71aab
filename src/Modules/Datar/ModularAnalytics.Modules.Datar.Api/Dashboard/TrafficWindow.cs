using System.Globalization;

namespace ModularAnalytics.Modules.Datar.Api.Dashboard;

/// <summary>The window the traffic pages offer: the last N days up to now (7 by default), as the API's `from`.</summary>
internal sealed record TrafficWindow(int Days, DateTimeOffset From, DateTimeOffset To)
{
    public const int DefaultDays = 7;

    public static IReadOnlyList<int> Choices { get; } = [1, 7, 14, 30, 90];

    public static TrafficWindow Last(int? days, DateTimeOffset now)
    {
        var chosen = days is { } d && Choices.Contains(d) ? d : DefaultDays;
        return new TrafficWindow(chosen, now.AddDays(-chosen), now);
    }

    public string FromParameter => From.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>Every UTC day the window touches, oldest first, as the API's `date` strings.</summary>
    public IReadOnlyList<string> DaysCovered()
    {
        var first = DateOnly.FromDateTime(From.UtcDateTime);
        var last = DateOnly.FromDateTime(To.UtcDateTime);
        var days = new List<string>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            days.Add(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return days;
    }
}
