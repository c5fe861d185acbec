namespace Lifeline.Log.Chain;

/// <summary>
/// One fact in an operation's log, exactly as it is hashed and stored. The body is canonical JSON
/// (RFC 8785); <see cref="Hash"/> covers every other field and links to the entry before it.
/// </summary>
public sealed record LogEntry(
    Guid LogId,
    long Sequence,
    Guid Id,
    string Type,
    string Stream,
    long StreamVersion,
    string Actor,
    string Device,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string? IdempotencyKey,
    byte[] Body,
    byte[] PreviousHash,
    byte[] Hash)
{
    /// <summary>The previous hash of an operation's first entry.</summary>
    public static readonly byte[] GenesisHash = new byte[EntryHash.Length];

    /// <summary>The body as text, for reading.</summary>
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public string HashHex => Convert.ToHexStringLower(Hash);
}
