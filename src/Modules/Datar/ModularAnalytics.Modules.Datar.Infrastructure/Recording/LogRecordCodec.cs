using System.Buffers;
using System.Buffers.Binary;
using ModularAnalytics.Modules.Datar.Application.Abstractions;

namespace ModularAnalytics.Modules.Datar.Infrastructure.Recording;

/// <summary>
/// The log's binary framing: [body length: int32][FNV-1a of the body: uint32][body], little-endian. A body is
/// [kind: byte][sequence: int64] then, for a batch, [deltas: int32] × (flag int32, hour int64, variant int32,
/// segment int32, count int64, last seen int64), or, for a flush, [flush id: 16 bytes][covers through: int64].
/// </summary>
internal static class LogRecordCodec
{
    private const byte BatchKind = 1;
    private const byte FlushKind = 2;
    private const int HeaderLength = 8;
    private const int DeltaLength = 36;
    private const int MaxBodyLength = 64 * 1024 * 1024;

    public static void WriteBatch(IBufferWriter<byte> output, long sequence, IReadOnlyList<HourlyCount> deltas)
    {
        var length = 1 + 8 + 4 + (deltas.Count * DeltaLength);
        var span = output.GetSpan(HeaderLength + length);
        var body = span.Slice(HeaderLength, length);
        body[0] = BatchKind;
        BinaryPrimitives.WriteInt64LittleEndian(body[1..], sequence);
        BinaryPrimitives.WriteInt32LittleEndian(body[9..], deltas.Count);
        var at = 13;
        foreach (var delta in deltas)
        {
            BinaryPrimitives.WriteInt32LittleEndian(body[at..], delta.FlagId);
            BinaryPrimitives.WriteInt64LittleEndian(body[(at + 4)..], delta.HourBucket);
            BinaryPrimitives.WriteInt32LittleEndian(body[(at + 12)..], delta.VariantId);
            BinaryPrimitives.WriteInt32LittleEndian(body[(at + 16)..], delta.SegmentId);
            BinaryPrimitives.WriteInt64LittleEndian(body[(at + 20)..], delta.Count);
            BinaryPrimitives.WriteInt64LittleEndian(body[(at + 28)..], delta.LastSeenUnixSeconds);
            at += DeltaLength;
        }

        Frame(span, body);
        output.Advance(HeaderLength + length);
    }

    public static void WriteFlush(IBufferWriter<byte> output, long sequence, Guid flushId, long coversThrough)
    {
        const int length = 1 + 8 + 16 + 8;
        var span = output.GetSpan(HeaderLength + length);
        var body = span.Slice(HeaderLength, length);
        body[0] = FlushKind;
        BinaryPrimitives.WriteInt64LittleEndian(body[1..], sequence);
        flushId.TryWriteBytes(body[9..]);
        BinaryPrimitives.WriteInt64LittleEndian(body[25..], coversThrough);
        Frame(span, body);
        output.Advance(HeaderLength + length);
    }

    /// <summary>Reads records until the end or the first torn or corrupt one (a crash mid-write leaves only the tail so).</summary>
    public static List<LogRecord> ReadAll(ReadOnlySpan<byte> data)
    {
        var records = new List<LogRecord>();
        while (data.Length >= HeaderLength)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(data);
            if (length < 9 || length > MaxBodyLength || data.Length < HeaderLength + length)
            {
                break;
            }

            var body = data.Slice(HeaderLength, length);
            if (BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) != Checksum(body) || Decode(body) is not { } record)
            {
                break;
            }

            records.Add(record);
            data = data[(HeaderLength + length)..];
        }

        return records;
    }

    private static LogRecord? Decode(ReadOnlySpan<byte> body)
    {
        var sequence = BinaryPrimitives.ReadInt64LittleEndian(body[1..]);
        if (body[0] == FlushKind && body.Length == 33)
        {
            return new LoggedFlush(sequence, new Guid(body.Slice(9, 16)), BinaryPrimitives.ReadInt64LittleEndian(body[25..]));
        }

        if (body[0] != BatchKind || body.Length < 13)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(body[9..]);
        if (count < 0 || body.Length != 13 + ((long)count * DeltaLength))
        {
            return null;
        }

        var deltas = new HourlyCount[count];
        for (var i = 0; i < count; i++)
        {
            var d = body.Slice(13 + (i * DeltaLength), DeltaLength);
            deltas[i] = new HourlyCount(
                BinaryPrimitives.ReadInt32LittleEndian(d),
                BinaryPrimitives.ReadInt64LittleEndian(d[4..]),
                BinaryPrimitives.ReadInt32LittleEndian(d[12..]),
                BinaryPrimitives.ReadInt32LittleEndian(d[16..]),
                BinaryPrimitives.ReadInt64LittleEndian(d[20..]),
                BinaryPrimitives.ReadInt64LittleEndian(d[28..]));
        }

        return new LoggedBatch(sequence, deltas);
    }

    private static void Frame(Span<byte> span, ReadOnlySpan<byte> body)
    {
        BinaryPrimitives.WriteInt32LittleEndian(span, body.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], Checksum(body));
    }

    // FNV-1a: enough to tell a torn or zero-filled tail from a record; the log guards against crashes, not tampering.
    private static uint Checksum(ReadOnlySpan<byte> body)
    {
        var hash = 2166136261u;
        foreach (var b in body)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
