using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ModularAnalytics.Testing;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole test process; each test host gets its own database in it.
/// `MODULARANALYTICS_TEST_POSTGRES` (a connection string) points at an existing server instead.
/// </summary>
public sealed class PostgresServer
{
    public const string ConnectionStringVariable = "MODULARANALYTICS_TEST_POSTGRES";

    private static readonly Lazy<PostgresServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private PostgresServer(string connectionString)
    {
        ConnectionString = connectionString;
    }

    public static PostgresServer Instance => Shared.Value;

    /// <summary>Connects to the maintenance database; use <see cref="CreateDatabase"/> for a test's own.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = "ma_test_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    private static PostgresServer Start()
    {
        var configured = System.Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new PostgresServer(configured);
        }

        var bin = FindBinDirectory() ?? throw new InvalidOperationException(
            $"PostgreSQL tests need either {ConnectionStringVariable} (a connection string) or the PostgreSQL server binaries " +
            "(initdb and pg_ctl on PATH or under /usr/lib/postgresql/*/bin).");

        var root = Path.Combine(Path.GetTempPath(), "ma-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var data = Path.Combine(root, "data");
        var sockets = Path.Combine(root, "sockets");
        Directory.CreateDirectory(sockets);

        // initdb and pg_ctl refuse to run as root; the cluster then belongs to the postgres account.
        var asRoot = string.Equals(System.Environment.UserName, "root", StringComparison.Ordinal);
        if (asRoot)
        {
            Run("chown", ["-R", "postgres", root]);
        }

        Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"], asRoot);
        var port = FreePort();
        var serverOptions = string.Join(' ',
            $"-p {port.ToString(CultureInfo.InvariantCulture)}",
            $"-k {sockets}",
            "-c listen_addresses=127.0.0.1",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            "-c max_connections=300");
        Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(root, "server.log"), "-o", serverOptions, "-w", "-t", "60", "start"], asRoot);

        StartWatchdog(bin, data, root, asRoot);

        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
        }.ConnectionString;
        return new PostgresServer(connectionString);
    }

    /// <summary>
    /// Test runners kill the test process without waiting for exit handlers, so a detached shell waits for this
    /// process to go away and then stops the cluster and removes its directory.
    /// </summary>
    private static void StartWatchdog(string bin, string data, string root, bool asRoot)
    {
        var pgCtl = (asRoot ? "runuser -u postgres -- " : string.Empty) + Quote(Path.Combine(bin, "pg_ctl"));
        var script = string.Join('\n',
            "exec >/dev/null 2>&1",
            $"while kill -0 {System.Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}; do sleep 1; done",
            $"{pgCtl} -D {Quote(data)} -m immediate -w stop",
            $"rm -rf {Quote(root)}");
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("Could not start the PostgreSQL watchdog.");
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string? FindBinDirectory()
    {
        foreach (var directory in (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var initdb = Path.Combine(directory, "initdb");
            if (directory.Length > 0 && File.Exists(initdb) && File.Exists(Path.Combine(directory, "pg_ctl")))
            {
                // Distribution packages link initdb into PATH; it must run from its real directory to find `postgres`.
                var real = File.ResolveLinkTarget(initdb, returnFinalTarget: true)?.FullName ?? initdb;
                return Path.GetDirectoryName(real);
            }
        }

        const string packaged = "/usr/lib/postgresql";
        return Directory.Exists(packaged)
            ? Directory.GetDirectories(packaged)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, IReadOnlyList<string> arguments, bool asPostgres = false)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} did not finish within 120 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        }
    }
}
