using System.Runtime.InteropServices;
using System.Text;

namespace ModularAnalytics.BuildingBlocks.ClickHouse.Embedded;

internal sealed record ChdbQueryOutput(byte[] Output, string? Error);

/// <summary>
/// The process-wide chDB engine. chDB can open only one data path per process, so the engine is a
/// lazily created static and a request for a different path fails instead of silently sharing.
/// chDB serialises the queries of one connection internally, so callers may use it from any thread.
/// </summary>
internal sealed unsafe class ChdbEngine
{
    private static readonly Lock Gate = new();

    // Why: chDB leaves a failed query's partial output in the connection and hands it to the next query, so a
    // failure is followed by a throw-away query inside the same critical section (chDB runs queries serially anyway).
    private readonly Lock _queryLock = new();
    private static ChdbEngine? s_instance;

    // Signals chDB resets or claims; the .NET runtime relies on SIGSEGV/SIGFPE/... for NullReference and friends.
    private static readonly int[] GuardedSignals = [4, 5, 6, 7, 8, 11, 20, 31];

    private readonly nint _connectionHandle;
    private readonly nint _connection;
    private readonly delegate* unmanaged<nint, byte*, nuint, byte*, nuint, byte**, nuint*, byte**, nuint*, nuint, nint> _queryWithParams;
    private readonly delegate* unmanaged<nint, byte*> _resultBuffer;
    private readonly delegate* unmanaged<nint, nuint> _resultLength;
    private readonly delegate* unmanaged<nint, byte*> _resultError;
    private readonly delegate* unmanaged<nint, void> _destroyResult;
    private readonly delegate* unmanaged<nint, void> _closeConnection;

    private ChdbEngine(string libraryPath, string dataPath)
    {
        LibraryPath = libraryPath;
        DataPath = dataPath;
        EnsureLibraryExists(libraryPath);
        var library = NativeLibrary.Load(libraryPath);
        var connect = (delegate* unmanaged<int, byte**, nint>)NativeLibrary.GetExport(library, "chdb_connect");
        _queryWithParams = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, byte**, nuint*, byte**, nuint*, nuint, nint>)
            NativeLibrary.GetExport(library, "chdb_query_with_params_n");
        _resultBuffer = (delegate* unmanaged<nint, byte*>)NativeLibrary.GetExport(library, "chdb_result_buffer");
        _resultLength = (delegate* unmanaged<nint, nuint>)NativeLibrary.GetExport(library, "chdb_result_length");
        _resultError = (delegate* unmanaged<nint, byte*>)NativeLibrary.GetExport(library, "chdb_result_error");
        _destroyResult = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "chdb_destroy_query_result");
        _closeConnection = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "chdb_close_conn");
        NativeLibrary.TryGetExport(library, "chdb_set_signal_handlers_enabled", out var disableSignals);

        Directory.CreateDirectory(dataPath);
        using (new SignalGuard(GuardedSignals))
        {
            // Why: chDB's own crash handlers would replace the runtime's; opting out resets to SIG_DFL,
            // which the guard then undoes by restoring the runtime's handlers.
            if (disableSignals != 0)
            {
                ((delegate* unmanaged<int, void>)disableSignals)(0);
            }

            var args = new[] { "clickhouse", "--path=" + dataPath };
            var utf8 = args.Select(a => Marshal.StringToCoTaskMemUTF8(a)).ToArray();
            try
            {
                fixed (nint* argv = utf8)
                {
                    _connectionHandle = connect(args.Length, (byte**)argv);
                }
            }
            finally
            {
                foreach (var p in utf8)
                {
                    Marshal.FreeCoTaskMem(p);
                }
            }
        }

        if (_connectionHandle == 0 || (_connection = *(nint*)_connectionHandle) == 0)
        {
            throw new InvalidOperationException($"chDB could not open a connection on data path '{dataPath}'.");
        }

        // Why: closing flushes parts and stops the engine's threads before static destructors run.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Close();
    }

    public string LibraryPath { get; }

    public string DataPath { get; }

    private bool Closed { get; set; }

    public static ChdbEngine GetOrOpen(string libraryPath, string dataPath)
    {
        var fullData = Path.GetFullPath(dataPath).TrimEnd(Path.DirectorySeparatorChar);
        lock (Gate)
        {
            if (s_instance is { } existing)
            {
                if (!string.Equals(existing.DataPath, fullData, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"chDB allows one data path per process: the embedded warehouse is already open at '{existing.DataPath}', " +
                        $"so '{fullData}' cannot be opened as well. Share one data path and isolate by database instead.");
                }

                return existing;
            }

            s_instance = new ChdbEngine(Path.GetFullPath(libraryPath), fullData);
            return s_instance;
        }
    }

    internal static void EnsureLibraryExists(string libraryPath)
    {
        if (!File.Exists(libraryPath))
        {
            throw new FileNotFoundException(
                $"The chDB library was not found at '{libraryPath}'. Run build/fetch-chdb.sh, or set CHDB_LIBRARY_PATH " +
                "or Warehouse:Embedded:LibraryPath to an existing libchdb.so.", libraryPath);
        }
    }

    public ChdbQueryOutput Query(string sql, string format, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var count = parameters.Count;
        var sqlBytes = Encoding.UTF8.GetBytes(sql);
        var formatBytes = Encoding.UTF8.GetBytes(format);
        var handles = new List<GCHandle>(count * 2);
        var names = new nint[count];
        var values = new nint[count];
        var nameLengths = new nuint[count];
        var valueLengths = new nuint[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                // Why NUL-terminated copies: the _n API takes lengths, but a terminator costs nothing and is safe.
                var name = Encoding.UTF8.GetBytes(parameters[i].Key + "\0");
                var value = Encoding.UTF8.GetBytes(parameters[i].Value + "\0");
                var nh = GCHandle.Alloc(name, GCHandleType.Pinned);
                handles.Add(nh);
                var vh = GCHandle.Alloc(value, GCHandleType.Pinned);
                handles.Add(vh);
                names[i] = nh.AddrOfPinnedObject();
                values[i] = vh.AddrOfPinnedObject();
                nameLengths[i] = (nuint)(name.Length - 1);
                valueLengths[i] = (nuint)(value.Length - 1);
            }

            lock (_queryLock)
            {
                ObjectDisposedException.ThrowIf(Closed, this);
                ChdbQueryOutput output;
                fixed (byte* q = sqlBytes)
                fixed (byte* f = formatBytes)
                fixed (nint* n = names)
                fixed (nint* v = values)
                fixed (nuint* nl = nameLengths)
                fixed (nuint* vl = valueLengths)
                {
                    output = Collect(_queryWithParams(_connection, q, (nuint)sqlBytes.Length, f, (nuint)formatBytes.Length,
                        (byte**)n, nl, (byte**)v, vl, (nuint)count));
                }

                if (output.Error is not null)
                {
                    fixed (byte* drain = "SELECT 1 FORMAT Null"u8)
                    fixed (byte* tsv = "TSV"u8)
                    {
                        _ = Collect(_queryWithParams(_connection, drain, 20, tsv, 3, null, null, null, null, 0));
                    }
                }

                return output;
            }
        }
        finally
        {
            foreach (var h in handles)
            {
                h.Free();
            }
        }
    }

    private ChdbQueryOutput Collect(nint result)
    {
        if (result == 0)
        {
            return new ChdbQueryOutput([], "chDB returned no result for the query.");
        }

        try
        {
            var error = _resultError(result);
            if (error != null)
            {
                return new ChdbQueryOutput([], Marshal.PtrToStringUTF8((nint)error) ?? "unknown chDB error");
            }

            var length = checked((int)_resultLength(result));
            var buffer = _resultBuffer(result);
            var output = length == 0 || buffer == null ? [] : new ReadOnlySpan<byte>(buffer, length).ToArray();
            return new ChdbQueryOutput(output, null);
        }
        finally
        {
            _destroyResult(result);
        }
    }

    private void Close()
    {
        lock (_queryLock)
        {
            if (Closed)
            {
                return;
            }

            Closed = true;
            _closeConnection(_connectionHandle);
        }
    }

    /// <summary>Snapshots signal dispositions and restores them on dispose.</summary>
    private readonly struct SignalGuard : IDisposable
    {
        // Why 256: struct sigaction is 152 bytes on x86_64 glibc; the slack covers other ABIs.
        private const int SigactionSize = 256;
        private readonly int[] _signals;
        private readonly byte[][] _saved;
        private readonly delegate* unmanaged<int, byte*, byte*, int> _sigaction;

        public SignalGuard(int[] signals)
        {
            _signals = signals;
            _saved = new byte[signals.Length][];
            _sigaction = null;
            if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libc.so.6", out var libc)
                || !NativeLibrary.TryGetExport(libc, "sigaction", out var sigaction))
            {
                return;
            }

            _sigaction = (delegate* unmanaged<int, byte*, byte*, int>)sigaction;
            for (var i = 0; i < signals.Length; i++)
            {
                var buffer = new byte[SigactionSize];
                fixed (byte* p = buffer)
                {
                    if (_sigaction(signals[i], null, p) == 0)
                    {
                        _saved[i] = buffer;
                    }
                }
            }
        }

        public void Dispose()
        {
            if (_sigaction == null)
            {
                return;
            }

            for (var i = 0; i < _signals.Length; i++)
            {
                if (_saved[i] is { } buffer)
                {
                    fixed (byte* p = buffer)
                    {
                        _ = _sigaction(_signals[i], p, null);
                    }
                }
            }
        }
    }
}
