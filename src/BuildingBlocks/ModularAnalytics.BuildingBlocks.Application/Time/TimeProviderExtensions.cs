namespace ModularAnalytics.BuildingBlocks.Application.Time;

public static class TimeProviderExtensions
{
    /// <summary>The current time as a UTC <see cref="DateTime"/>, the shape entities and EF columns store.</summary>
    public static DateTime UtcNow(this TimeProvider time) => time.GetUtcNow().UtcDateTime;
}
