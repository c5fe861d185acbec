namespace Lifeline.Log.Chain;

/// <summary>
/// UUID version 7 (RFC 9562): a millisecond timestamp followed by random bits, so ids sort by creation time.
/// Given a seeded <see cref="Random"/> the random bits repeat, so a scenario recorded twice gets the same ids.
/// </summary>
public static class UuidV7
{
    /// <summary>A new id for <paramref name="at"/>; random bits from <paramref name="random"/>, or the system's when null.</summary>
    public static Guid Create(DateTimeOffset at, Random? random = null)
    {
        if (random is null)
        {
            return Guid.CreateVersion7(at);
        }

        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var milliseconds = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        }

        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
