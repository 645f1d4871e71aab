using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.ClickHouse;

namespace ModularAnalytics.ClickHouse.Tests;

/// <summary>
/// Builds warehouse service providers for tests. chDB opens one data path per process, so every embedded test host
/// shares <see cref="EmbeddedDataPath"/> and isolates itself with a unique database.
/// </summary>
internal static class TestWarehouse
{
    private const string DataPathPrefix = "modularanalytics-clickhouse-tests-";

    public static string EmbeddedDataPath { get; } = CreateDataPath();

    public static string UniqueDatabase() => "t_" + Guid.NewGuid().ToString("N")[..16];

    public static ServiceProvider Build(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddWarehouse(configuration).BuildServiceProvider();
    }

    public static Dictionary<string, string?> EmbeddedSettings(string database) => new()
    {
        ["Warehouse:Mode"] = "Embedded",
        ["Warehouse:Database"] = database,
        ["Warehouse:Embedded:DataPath"] = EmbeddedDataPath,
    };

    private static string CreateDataPath()
    {
        var root = Path.GetTempPath();
        // Why: the engine only lets go of its files at process exit, so earlier runs' directories are removed here.
        foreach (var stale in Directory.EnumerateDirectories(root, DataPathPrefix + "*"))
        {
            if (int.TryParse(Path.GetFileName(stale)[DataPathPrefix.Length..], out var pid) && !IsAlive(pid))
            {
                try
                {
                    Directory.Delete(stale, recursive: true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }

        var path = Path.Combine(root, DataPathPrefix + Environment.ProcessId);
        Directory.CreateDirectory(path);
        return path;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
