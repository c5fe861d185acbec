using System.Buffers.Binary;

namespace Lifeline.Log.Signing;

/// <summary>
/// The recording server's signed statement that an operation's log had <see cref="Sequence"/> entries
/// ending in <see cref="HeadHash"/> at <see cref="SignedAt"/>. One checkpoint closes each committed batch.
/// </summary>
public sealed record Checkpoint(Guid LogId, long Sequence, byte[] HeadHash, DateTimeOffset SignedAt, string KeyId, byte[] Signature)
{
    private static ReadOnlySpan<byte> Tag => "lifeline-checkpoint-v1\n"u8;

    /// <summary>The exact bytes that are signed: tag, log id, sequence, head hash, time in Unix milliseconds.</summary>
    public static byte[] SignedBytes(Guid logId, long sequence, ReadOnlySpan<byte> headHash, DateTimeOffset signedAt)
    {
        var bytes = new byte[Tag.Length + 16 + 8 + headHash.Length + 8];
        var span = bytes.AsSpan();
        Tag.CopyTo(span);
        var at = Tag.Length;
        logId.TryWriteBytes(span[at..], bigEndian: true, out _);
        at += 16;
        BinaryPrimitives.WriteInt64BigEndian(span[at..], sequence);
        at += 8;
        headHash.CopyTo(span[at..]);
        at += headHash.Length;
        BinaryPrimitives.WriteInt64BigEndian(span[at..], signedAt.ToUnixTimeMilliseconds());
        return bytes;
    }
}
