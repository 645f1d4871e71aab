using Microsoft.Extensions.Configuration;
using ModularAnalytics.BuildingBlocks.ClickHouse.Embedded;
using ModularAnalytics.BuildingBlocks.ClickHouse.Server;

namespace ModularAnalytics.BuildingBlocks.ClickHouse;

public enum WarehouseMode
{
    Embedded,
    Server,
    Disabled,
}

/// <summary>
/// The resolved warehouse configuration. Keys: <c>Warehouse:Mode</c> (Embedded | Server | Disabled, default Embedded),
/// <c>Warehouse:Database</c> (default: <c>ClickHouse:Database</c> or the DSN's database in Server mode, else
/// <c>modularanalytics</c>), <c>Warehouse:Embedded:LibraryPath</c> (else env CHDB_LIBRARY_PATH, else the cache path),
/// <c>Warehouse:Embedded:DataPath</c> (else <c>{Storage:DataDirectory}/clickhouse</c>), <c>Storage:DataDirectory</c>
/// (default <c>data</c>, relative to the working directory), and the <c>ClickHouse</c> section for Server mode.
/// </summary>
public sealed record WarehouseOptions
{
    public const string DefaultDatabase = "modularanalytics";
    public const string ChdbVersion = "26.5.3";

    public required WarehouseMode Mode { get; init; }

    public required string Database { get; init; }

    public EmbeddedWarehouseOptions? Embedded { get; init; }

    public ClickHouseServerOptions? Server { get; init; }

    /// <summary>Reads and validates configuration; throws <see cref="InvalidOperationException"/> with a clear message when invalid.</summary>
    public static WarehouseOptions FromConfiguration(IConfiguration configuration)
    {
        var warehouse = configuration.GetSection("Warehouse");
        var modeText = warehouse["Mode"];
        WarehouseMode mode;
        if (string.IsNullOrWhiteSpace(modeText))
        {
            mode = WarehouseMode.Embedded;
        }
        else if (!Enum.TryParse(modeText.Trim(), ignoreCase: true, out mode) || !Enum.IsDefined(mode)
            || int.TryParse(modeText, out _))
        {
            throw new InvalidOperationException(
                $"Warehouse:Mode is '{modeText}', but must be one of Embedded, Server or Disabled (case-insensitive).");
        }

        var server = mode == WarehouseMode.Server ? ClickHouseServerOptions.FromConfiguration(configuration.GetSection("ClickHouse")) : null;
        if (mode == WarehouseMode.Server && server is null)
        {
            throw new InvalidOperationException("Warehouse:Mode is Server, but neither ClickHouse:Url nor ClickHouse:Host is configured.");
        }

        var database = Blank(warehouse["Database"]) ?? server?.Database ?? DefaultDatabase;
        ClickHouseSql.ValidateName(database, "database");

        EmbeddedWarehouseOptions? embedded = null;
        if (mode == WarehouseMode.Embedded)
        {
            var dataDirectory = Path.GetFullPath(Blank(configuration["Storage:DataDirectory"]) ?? "data");
            var dataPath = Blank(warehouse["Embedded:DataPath"]) is { } explicitPath
                ? Path.GetFullPath(explicitPath)
                : Path.Combine(dataDirectory, "clickhouse");
            var library = Blank(warehouse["Embedded:LibraryPath"])
                ?? Blank(Environment.GetEnvironmentVariable("CHDB_LIBRARY_PATH"))
                ?? DefaultLibraryPath();
            embedded = new EmbeddedWarehouseOptions(Path.GetFullPath(library), dataPath, database);
        }

        return new WarehouseOptions { Mode = mode, Database = database, Embedded = embedded, Server = server };
    }

    /// <summary><c>${XDG_CACHE_HOME:-~/.cache}/modularanalytics/chdb/26.5.3/libchdb.so</c>, where build/fetch-chdb.sh puts it.</summary>
    public static string DefaultLibraryPath()
    {
        var cache = Blank(Environment.GetEnvironmentVariable("XDG_CACHE_HOME"))
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "modularanalytics", "chdb", ChdbVersion, "libchdb.so");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Whether the warehouse is in use; modules check this and no-op (logging <see cref="DisabledReason"/>) when it is not.</summary>
public sealed record WarehouseStatus(WarehouseMode Mode, string Database, string? DisabledReason)
{
    public bool IsEnabled => Mode != WarehouseMode.Disabled;
}
