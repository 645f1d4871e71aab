using System.Globalization;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;

namespace ModularAnalytics.Modules.Datar.Api.Summaries;

/// <summary>Whole-number query parameters arrive as text so that "abc" is a 400 naming the field rather than a binding failure.</summary>
internal static class QueryNumber
{
    public static int Parse(string? value, string field, int defaultValue) =>
        string.IsNullOrEmpty(value) ? defaultValue
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : throw RequestValidationException.For(field, $"{field} is a whole number.");
}
