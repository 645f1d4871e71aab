using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModularAnalytics.Modules.Experimentation.Infrastructure.Persistence.Configurations;

/// <summary>How variant lists and payloads are kept as text columns: the contract's camelCase shape.</summary>
internal static class JsonColumn
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;
}
