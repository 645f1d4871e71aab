namespace ModularAnalytics.Testing;

/// <summary>The one embedded ClickHouse data path of this test process (chDB allows a single path per process).</summary>
public static class EmbeddedWarehouse
{
    private static readonly Lazy<string> Path = new(() =>
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ma-test-clickhouse-{Environment.ProcessId}");
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
        return path;
    });

    public static string DataPath => Path.Value;
}
