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

    /// <summary>The hash of an entry being written, from its fields as values.</summary>
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
        Compute(
            logId,
            sequence,
            id,
            Encoding.UTF8.GetBytes(type),
            Encoding.UTF8.GetBytes(stream),
            streamVersion,
            Encoding.UTF8.GetBytes(actor),
            Encoding.UTF8.GetBytes(device),
            occurredAt.ToUnixTimeMilliseconds(),
            recordedAt.ToUnixTimeMilliseconds(),
            Encoding.UTF8.GetBytes(idempotencyKey ?? string.Empty),
            body,
            previousHash,
            hash);
        return hash;
    }

    /// <summary>The hash from the fields as stored: texts already in UTF-8, times in Unix milliseconds.</summary>
    public static void Compute(
        Guid logId,
        long sequence,
        Guid id,
        ReadOnlySpan<byte> type,
        ReadOnlySpan<byte> stream,
        long streamVersion,
        ReadOnlySpan<byte> actor,
        ReadOnlySpan<byte> device,
        long occurredAtMs,
        long recordedAtMs,
        ReadOnlySpan<byte> idempotencyKey,
        ReadOnlySpan<byte> body,
        ReadOnlySpan<byte> previousHash,
        Span<byte> destination)
    {
        if (previousHash.Length != Length)
        {
            throw new ArgumentException("a previous hash is 32 bytes", nameof(previousHash));
        }

        var size = Tag.Length + 16 + 8 + 16 + 4 + type.Length + 4 + stream.Length + 8 + 4 + actor.Length + 4 + device.Length
            + 8 + 8 + 4 + idempotencyKey.Length + 4 + body.Length + Length;
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
            BinaryPrimitives.WriteInt64BigEndian(span[at..], occurredAtMs);
            at += 8;
            BinaryPrimitives.WriteInt64BigEndian(span[at..], recordedAtMs);
            at += 8;
            at += WriteText(idempotencyKey, span[at..]);
            at += WriteText(body, span[at..]);
            previousHash.CopyTo(span[at..]);
            SHA256.HashData(span, destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int WriteText(ReadOnlySpan<byte> utf8, Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, utf8.Length);
        utf8.CopyTo(destination[4..]);
        return 4 + utf8.Length;
    }

    private static int WriteGuid(Guid id, Span<byte> destination)
    {
        id.TryWriteBytes(destination, bigEndian: true, out var written);
        return written;
    }
}
