namespace ModularAnalytics.Modules.Datar.Application.Recording;

/// <summary>Flagr's recorder settings in this service's naming: `Recorder:Enabled`, `Recorder:Type` (comma-separated), `Recorder:Datar:*`.</summary>
/// <param name="MaxRecordAge">Records older than this are refused (400): each old hour would be a key held and stored forever.</param>
/// <param name="ReplicaName">Names this replica's write-ahead log under the data directory; a restart under the same name replays it.</param>
public sealed record RecorderOptions(
    bool Enabled,
    IReadOnlyList<string> Types,
    TimeSpan FlushInterval,
    int MaxKeys,
    TimeSpan MaxRecordAge,
    string ReplicaName,
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
        var interval = ParseSpan(setting("Recorder:Datar:FlushInterval"), "Recorder:Datar:FlushInterval", TimeSpan.FromMinutes(1));
        var maxAge = ParseSpan(setting("Recorder:Datar:MaxRecordAge"), "Recorder:Datar:MaxRecordAge", TimeSpan.FromDays(31));
        var replica = ParseReplicaName(setting("Recorder:Datar:ReplicaName"));
        var maxKeys = ParseInt(setting("Recorder:Datar:MaxKeys"), "Recorder:Datar:MaxKeys", 2_000_000, min: 1);
        var ttl = ParseInt(setting("Recorder:Warehouse:TtlDays"), "Recorder:Warehouse:TtlDays", 90, min: 1);
        var batch = ParseInt(setting("Recorder:Warehouse:BatchSize"), "Recorder:Warehouse:BatchSize", 10_000, min: 1);
        var capacity = ParseInt(setting("Recorder:Warehouse:QueueCapacity"), "Recorder:Warehouse:QueueCapacity", 1_000_000, min: 1);
        return new RecorderOptions(enabled, types, interval, maxKeys, maxAge, replica, ttl, batch, capacity);
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

    private static TimeSpan ParseSpan(string? value, string key, TimeSpan defaultValue)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return defaultValue;
        }

        if (!TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var span) || span <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{key} '{value}' is not a positive time span such as 00:01:00 or 31.00:00:00.");
        }

        return span;
    }

    // The name becomes a directory name: keep it to a portable alphabet rather than escape it.
    private static string ParseReplicaName(string? value)
    {
        var name = string.IsNullOrWhiteSpace(value) ? System.Environment.MachineName : value.Trim();
        if (name.Length is 0 or > 64 || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_' and not '.') || name.StartsWith('.'))
        {
            throw new InvalidOperationException(
                $"Recorder:Datar:ReplicaName '{name}' must be 1 to 64 letters, digits, '-', '_' or '.', not starting with '.'.");
        }

        return name;
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
