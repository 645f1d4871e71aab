namespace ModularAnalytics.Modules.Datar.Application.Recording;

/// <summary>Flagr's recorder settings in this service's naming: `Recorder:Enabled`, `Recorder:Type` (comma-separated), `Recorder:Datar:*`.</summary>
public sealed record RecorderOptions(
    bool Enabled,
    IReadOnlyList<string> Types,
    TimeSpan FlushInterval,
    int MaxKeys,
    int WarehouseTtlDays,
    int WarehouseBatchSize,
    int WarehouseQueueCapacity)
{
    public const string Datar = "datar";
    public const string Warehouse = "warehouse";
    public static readonly IReadOnlyList<string> KnownTypes = [Datar, Warehouse];

    /// <summary>Datar is among the running recorders.</summary>
    public bool DatarEnabled => Enabled && Types.Contains(Datar);

    public bool WarehouseEnabled => Enabled && Types.Contains(Warehouse);

    /// <exception cref="InvalidOperationException">An unknown recorder type or a bad value: start-up fails with this message.</exception>
    /// <param name="setting">Reads a configuration value by its full key, e.g. "Recorder:Type".</param>
    public static RecorderOptions Parse(Func<string, string?> setting)
    {
        var enabled = ParseBool(setting("Recorder:Enabled"), "Recorder:Enabled", defaultValue: false);
        var types = ParseTypes(setting("Recorder:Type"));
        var interval = ParseInterval(setting("Recorder:Datar:FlushInterval"));
        var maxKeys = ParseInt(setting("Recorder:Datar:MaxKeys"), "Recorder:Datar:MaxKeys", 2_000_000, min: 1);
        var ttl = ParseInt(setting("Recorder:Warehouse:TtlDays"), "Recorder:Warehouse:TtlDays", 90, min: 1);
        var batch = ParseInt(setting("Recorder:Warehouse:BatchSize"), "Recorder:Warehouse:BatchSize", 10_000, min: 1);
        var capacity = ParseInt(setting("Recorder:Warehouse:QueueCapacity"), "Recorder:Warehouse:QueueCapacity", 1_000_000, min: 1);
        return new RecorderOptions(enabled, types, interval, maxKeys, ttl, batch, capacity);
    }

    public static IReadOnlyList<string> ParseTypes(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [Datar];
        }

        var types = new List<string>();
        foreach (var raw in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var type = raw.ToLowerInvariant();
            if (!KnownTypes.Contains(type))
            {
                throw new InvalidOperationException(
                    $"Recorder:Type names an unknown recorder '{raw}'. Known recorders: {string.Join(", ", KnownTypes)} (comma-separated).");
            }

            if (!types.Contains(type))
            {
                types.Add(type);
            }
        }

        return types;
    }

    private static TimeSpan ParseInterval(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return TimeSpan.FromMinutes(1);
        }

        if (!TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var interval) || interval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Recorder:Datar:FlushInterval '{value}' is not a positive time span such as 00:01:00.");
        }

        return interval;
    }

    private static bool ParseBool(string? value, string key, bool defaultValue) =>
        string.IsNullOrWhiteSpace(value) ? defaultValue
        : bool.TryParse(value, out var parsed) ? parsed
        : throw new InvalidOperationException($"{key} '{value}' is not true or false.");

    private static int ParseInt(string? value, string key, int defaultValue, int min) =>
        string.IsNullOrWhiteSpace(value) ? defaultValue
        : int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed >= min ? parsed
        : throw new InvalidOperationException($"{key} '{value}' is not a whole number of at least {min}.");
}
