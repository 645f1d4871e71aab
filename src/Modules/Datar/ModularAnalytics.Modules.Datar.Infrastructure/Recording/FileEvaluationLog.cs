using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Logging;
using ModularAnalytics.Modules.Datar.Application.Abstractions;

namespace ModularAnalytics.Modules.Datar.Infrastructure.Recording;

/// <summary>
/// The write-ahead log as numbered segment files in one directory per replica, claimed by an exclusive lock
/// file so that two processes never share one. Appends go to memory; one writer thread moves everything queued
/// to the file and fsyncs once for all waiting batches (group commit).
/// </summary>
internal sealed class FileEvaluationLog(string directory, ILogger<FileEvaluationLog> logger) : IEvaluationLog, IDisposable
{
    private const string Extension = ".wal";
    private readonly object _sync = new();
    private readonly List<(long Sequence, TaskCompletionSource Done)> _waiters = [];
    private readonly List<Segment> _closed = [];
    private List<Chunk> _chunks = [new(newFile: false)];
    private IReadOnlyList<LogRecord> _recovered = [];
    private bool _opened;
    private bool _wanted;
    private bool _stopping;
    private long _last;
    private long _durable;
    private long _releaseBefore;
    private int _nextNumber;
    private Exception? _failure;
    private FileStream? _claim;
    private Segment? _current;
    private Thread? _writer;

    public long LastSequence
    {
        get
        {
            lock (_sync)
            {
                EnsureOpen();
                return _last;
            }
        }
    }

    public IReadOnlyList<LogRecord> TakeRecovered()
    {
        lock (_sync)
        {
            EnsureOpen();
            var recovered = _recovered;
            _recovered = [];
            return recovered;
        }
    }

    public long Append(IReadOnlyList<HourlyCount> deltas)
    {
        lock (_sync)
        {
            EnsureWritable();
            var sequence = ++_last;
            var chunk = _chunks[^1];
            LogRecordCodec.WriteBatch(chunk.Bytes, sequence, deltas);
            chunk.MaxSequence = sequence;
            return sequence;
        }
    }

    public async Task<long> AppendFlushAsync(Guid flushId, long coversThrough, CancellationToken cancellationToken)
    {
        long sequence;
        lock (_sync)
        {
            EnsureWritable();
            sequence = ++_last;
            var chunk = _chunks[^1];
            LogRecordCodec.WriteFlush(chunk.Bytes, sequence, flushId, coversThrough);
            chunk.MaxSequence = sequence;
        }

        await WaitDurableAsync(sequence, cancellationToken);
        return sequence;
    }

    public Task WaitDurableAsync(long sequence, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_failure is not null)
            {
                return Task.FromException(Failed());
            }

            if (sequence <= _durable)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((sequence, done));
            Wake();
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    public void Rotate()
    {
        lock (_sync)
        {
            EnsureOpen();
            _chunks.Add(new Chunk(newFile: true));
        }
    }

    public void ReleaseBefore(long sequence)
    {
        lock (_sync)
        {
            _releaseBefore = Math.Max(_releaseBefore, sequence);
            Wake();
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _stopping = true;
            Monitor.PulseAll(_sync);
        }

        _writer?.Join();
        _current?.Stream?.Dispose();
        _claim?.Dispose();
    }

    private void Wake()
    {
        _wanted = true;
        Monitor.PulseAll(_sync);
    }

    private void EnsureWritable()
    {
        EnsureOpen();
        if (_failure is not null)
        {
            throw Failed();
        }
    }

    private IOException Failed() => new($"Datar's log in {directory} cannot be written: {_failure!.Message}", _failure);

    // Called under _sync. Lazily, so a host that never records creates no files.
    private void EnsureOpen()
    {
        if (_opened)
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        try
        {
            // FileShare.None is an exclusive advisory lock on Unix too; the kernel drops it when the process dies.
            _claim = new FileStream(Path.Combine(directory, "owner.lock"), OwnerOnly(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"Datar's log {directory} is held by another process: give each replica its own Recorder:Datar:ReplicaName.", ex);
        }

        var recovered = new List<LogRecord>();
        foreach (var (number, path) in Directory.GetFiles(directory, "*" + Extension)
                     .Select(p => (Number: int.Parse(Path.GetFileNameWithoutExtension(p), CultureInfo.InvariantCulture), Path: p))
                     .OrderBy(s => s.Number))
        {
            var records = LogRecordCodec.ReadAll(File.ReadAllBytes(path));
            recovered.AddRange(records);
            var max = records.Count == 0 ? 0 : records.Max(r => r.Sequence);
            _closed.Add(new Segment(number, path, stream: null) { MaxSequence = max });
            _last = Math.Max(_last, records.Select(r => r is LoggedFlush f ? Math.Max(f.Sequence, f.CoversThrough) : r.Sequence).DefaultIfEmpty(0).Max());
            _nextNumber = number + 1;
        }

        _durable = _last;
        _current = OpenSegment();
        _recovered = recovered;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "datar-log-writer" };
        _writer.Start();
        _opened = true;
        if (recovered.Count > 0)
        {
            logger.LogInformation("Datar's log {Directory} holds {Records} records from before this start", directory, recovered.Count);
        }
    }

    private Segment OpenSegment()
    {
        var number = _nextNumber;
        var path = Path.Combine(directory, number.ToString("D10", CultureInfo.InvariantCulture) + Extension);
        var stream = new FileStream(path, OwnerOnly(FileMode.CreateNew, FileAccess.Write, FileShare.Read));
        _nextNumber = number + 1;
        return new Segment(number, path, stream);
    }

    private static FileStreamOptions OwnerOnly(FileMode mode, FileAccess access, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    private void WriteLoop()
    {
        while (true)
        {
            List<Chunk> chunks;
            long target;
            long releaseBefore;
            bool stopping;
            lock (_sync)
            {
                while (!_wanted && !_stopping)
                {
                    Monitor.Wait(_sync);
                }

                _wanted = false;
                chunks = _chunks;
                _chunks = [new Chunk(newFile: false)];
                target = _last;
                releaseBefore = _releaseBefore;
                stopping = _stopping;
            }

            Exception? failure = null;
            try
            {
                Write(chunks);
                Delete(releaseBefore);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failure = ex;
                logger.LogError(ex, "Datar's log {Directory} failed; ingestion answers 503 until restart", directory);
            }

            lock (_sync)
            {
                _failure ??= failure;
                if (_failure is null)
                {
                    _durable = Math.Max(_durable, target);
                }

                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    var (sequence, done) = _waiters[i];
                    if (_failure is not null)
                    {
                        done.TrySetException(Failed());
                    }
                    else if (sequence <= _durable)
                    {
                        done.TrySetResult();
                    }
                    else
                    {
                        continue;
                    }

                    _waiters.RemoveAt(i);
                }
            }

            if (stopping)
            {
                return;
            }
        }
    }

    // Only the writer thread touches the files after opening.
    private void Write(List<Chunk> chunks)
    {
        var current = _current!;
        var wrote = false;
        foreach (var chunk in chunks)
        {
            if (chunk.NewFile && current.MaxSequence > 0)
            {
                current = NextSegment(current);
            }

            if (chunk.Bytes.WrittenCount > 0)
            {
                current.Stream!.Write(chunk.Bytes.WrittenSpan);
                current.MaxSequence = chunk.MaxSequence;
                wrote = true;
            }
        }

        if (wrote)
        {
            current.Stream!.Flush(flushToDisk: true);
        }

        _current = current;
    }

    private Segment NextSegment(Segment current)
    {
        Segment next;
        try
        {
            next = OpenSegment();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Staying in the current file is always correct (replay goes by sequence numbers); it only keeps more on disk.
            logger.LogWarning(ex, "Datar's log could not start a new file in {Directory}; continuing in {File}", directory, current.Path);
            return current;
        }

        current.Stream!.Flush(flushToDisk: true);
        current.Stream.Dispose();
        _closed.Add(new Segment(current.Number, current.Path, stream: null) { MaxSequence = current.MaxSequence });
        return next;
    }

    private void Delete(long releaseBefore)
    {
        for (var i = _closed.Count - 1; i >= 0; i--)
        {
            if (_closed[i].MaxSequence >= releaseBefore)
            {
                continue;
            }

            try
            {
                File.Delete(_closed[i].Path);
                _closed.RemoveAt(i);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A file kept is only replayed as already stored; try again at the next release.
                logger.LogWarning(ex, "Datar's log could not delete {File}", _closed[i].Path);
            }
        }
    }

    private sealed class Chunk(bool newFile)
    {
        public bool NewFile { get; } = newFile;

        public ArrayBufferWriter<byte> Bytes { get; } = new(256);

        public long MaxSequence { get; set; }
    }

    private sealed class Segment(int number, string path, FileStream? stream)
    {
        public int Number { get; } = number;

        public string Path { get; } = path;

        public FileStream? Stream { get; } = stream;

        public long MaxSequence { get; set; }
    }
}
