using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModularAnalytics.BuildingBlocks.Api.Json;

/// <summary>
/// Every timestamp the service answers is RFC 3339 in UTC with a <c>Z</c>: <c>2026-11-21T13:00:00Z</c>, and
/// fractional seconds only when there are any (<c>2026-11-21T13:00:00.25Z</c>). Reading accepts any ISO 8601
/// offset; a DateTime without one is taken as UTC.
/// </summary>
public static class UtcTimestamps
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    public static string Write(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static void AddTo(JsonSerializerOptions options)
    {
        options.Converters.Add(new DateTimeOffsetConverter());
        options.Converters.Add(new DateTimeConverter());
    }

    private sealed class DateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(UtcTimestamps.Write(value));
    }

    private sealed class DateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ToUtc(reader.GetDateTime());

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(ToUtc(value).ToString(Format, CultureInfo.InvariantCulture));

        private static DateTime ToUtc(DateTime value) => value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        };
    }
}
