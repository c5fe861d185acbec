namespace Lifeline.Log.Chain;

/// <summary>Where an operation's log ends: the last entry's sequence number and hash.</summary>
public readonly record struct ChainHead(Guid LogId, long Sequence, byte[] Hash)
{
    /// <summary>The head of a log with no entries: sequence 0 and the all-zero genesis hash.</summary>
    public static ChainHead Empty(Guid logId) => new(logId, 0, LogEntry.GenesisHash);

    /// <summary>The head once <paramref name="entry"/> is the last entry.</summary>
    public static ChainHead After(LogEntry entry) => new(entry.LogId, entry.Sequence, entry.Hash);
}

/// <summary>
/// An entry as the writer decided it, before the chain gives it its place: no sequence number, id, recording
/// time or hashes yet. <see cref="OccurredAt"/> null means it happened when it is recorded.
/// </summary>
public sealed record EntryDraft(
    string Type,
    string Stream,
    long StreamVersion,
    string Actor,
    string Device,
    DateTimeOffset? OccurredAt,
    string? IdempotencyKey,
    byte[] Body);

/// <summary>
/// How a log grows: one pure step from the head, a draft, the time and the entropy of the id to the next
/// entry. The store appends through it and the tests build their logs with it, so there is one way to chain.
/// </summary>
public static class EntryChain
{
    /// <summary>The entry that follows <paramref name="head"/>: the next sequence number, linked to the head's hash.</summary>
    /// <param name="head">The log's last entry (or <see cref="ChainHead.Empty"/>).</param>
    /// <param name="draft">What to record.</param>
    /// <param name="recordedAt">When it is recorded; kept to the millisecond, as the hash covers it.</param>
    /// <param name="entropy">The random bits of the entry's UUID v7; seeded, the same log is built twice.</param>
    public static LogEntry Next(ChainHead head, EntryDraft draft, DateTimeOffset recordedAt, Random? entropy = null)
    {
        var recorded = Timestamps.ToLogPrecision(recordedAt);
        var occurred = draft.OccurredAt is { } at ? Timestamps.ToLogPrecision(at) : recorded;
        var sequence = head.Sequence + 1;
        var id = UuidV7.Create(recorded, entropy);
        var hash = EntryHash.Compute(head.LogId, sequence, id, draft.Type, draft.Stream, draft.StreamVersion, draft.Actor, draft.Device, occurred, recorded, draft.IdempotencyKey, draft.Body, head.Hash);
        return new LogEntry(head.LogId, sequence, id, draft.Type, draft.Stream, draft.StreamVersion, draft.Actor, draft.Device, occurred, recorded, draft.IdempotencyKey, draft.Body, head.Hash, hash);
    }
}
