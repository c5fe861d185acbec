using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Lifeline.Log.Chain;

/// <summary>
/// The SHA-256 hash of an entry. Its input is a fixed binary layout, documented in docs/log.md, so that a
/// verifier in any language can recompute it: a domain tag, then each field in order, integers big-endian,
/// texts as a 4-byte length and UTF-8, times as milliseconds since the Unix epoch, ids in RFC 9562 byte order.
/// </summary>
public static class EntryHash
{
    public const int Length = 32;

    private static ReadOnlySpan<byte> Tag => "lifeline-entry-v1\n"u8;

    public static byte[] Compute(LogEntry entry) =>
        Compute(entry.LogId, entry.Sequence, entry.Id, entry.Type, entry.Stream, entry.StreamVersion, entry.Actor, entry.Device, entry.OccurredAt, entry.RecordedAt, entry.IdempotencyKey, entry.Body, entry.PreviousHash);

    public static byte[] Compute(
        Guid logId,
        long sequence,
        Guid id,
        string type,
        string stream,
        long streamVersion,
        string actor,
        string device,
        DateTimeOffset occurredAt,
        DateTimeOffset recordedAt,
        string? idempotencyKey,
        ReadOnlySpan<byte> body,
        ReadOnlySpan<byte> previousHash)
    {
        var hash = new byte[Length];
        Compute(logId, sequence, id, type, stream, streamVersion, actor, device, occurredAt, recordedAt, idempotencyKey, body, previousHash, hash);
        return hash;
    }

    public static void Compute(
        Guid logId,
        long sequence,
        Guid id,
        string type,
        string stream,
        long streamVersion,
        string actor,
        string device,
        DateTimeOffset occurredAt,
        DateTimeOffset recordedAt,
        string? idempotencyKey,
        ReadOnlySpan<byte> body,
        ReadOnlySpan<byte> previousHash,
        Span<byte> destination)
    {
        if (previousHash.Length != Length)
        {
            throw new ArgumentException("a previous hash is 32 bytes", nameof(previousHash));
        }

        var size = Tag.Length + 16 + 8 + 16 + TextSize(type) + TextSize(stream) + 8 + TextSize(actor) + TextSize(device)
            + 8 + 8 + TextSize(idempotencyKey ?? string.Empty) + 4 + body.Length + Length;
        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var span = rented.AsSpan(0, size);
            var at = 0;
            Tag.CopyTo(span);
            at += Tag.Length;
            at += WriteGuid(logId, span[at..]);
            BinaryPrimitives.WriteInt64BigEndian(span[at..], sequence);
            at += 8;
            at += WriteGuid(id, span[at..]);
            at += WriteText(type, span[at..]);
            at += WriteText(stream, span[at..]);
            BinaryPrimitives.WriteInt64BigEndian(span[at..], streamVersion);
            at += 8;
            at += WriteText(actor, span[at..]);
            at += WriteText(device, span[at..]);
            BinaryPrimitives.WriteInt64BigEndian(span[at..], occurredAt.ToUnixTimeMilliseconds());
            at += 8;
            BinaryPrimitives.WriteInt64BigEndian(span[at..], recordedAt.ToUnixTimeMilliseconds());
            at += 8;
            at += WriteText(idempotencyKey ?? string.Empty, span[at..]);
            BinaryPrimitives.WriteInt32BigEndian(span[at..], body.Length);
            at += 4;
            body.CopyTo(span[at..]);
            at += body.Length;
            previousHash.CopyTo(span[at..]);
            SHA256.HashData(span, destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int TextSize(string text) => 4 + Encoding.UTF8.GetByteCount(text);

    private static int WriteText(string text, Span<byte> destination)
    {
        var written = Encoding.UTF8.GetBytes(text, destination[4..]);
        BinaryPrimitives.WriteInt32BigEndian(destination, written);
        return 4 + written;
    }

    private static int WriteGuid(Guid id, Span<byte> destination)
    {
        id.TryWriteBytes(destination, bigEndian: true, out var written);
        return written;
    }
}
