namespace Lifeline.Storage.Writing;

/// <summary>One recorded entry as the writer sees it.</summary>
public sealed record ReceiptEntry(long Sequence, Guid Id, string Type, string Stream, string Hash);

/// <summary>The signed checkpoint that closed the batch.</summary>
public sealed record ReceiptCheckpoint(long Sequence, string HeadHash, DateTimeOffset SignedAt, string KeyId, string Signature);

/// <summary>
/// Proof of what a command recorded: the entries' sequence numbers and hashes and the signed checkpoint that
/// covers them. <see cref="Replayed"/> is true when a retry returned the first receipt.
/// </summary>
public sealed record Receipt(Guid OperationId, IReadOnlyList<ReceiptEntry> Entries, ReceiptCheckpoint? Checkpoint, bool Replayed = false)
{
    /// <summary>The id of what the command's first entry is about, read from its stream (<c>site/{id}</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Guid? SubjectId =>
        Entries.Count > 0 && Guid.TryParse(Entries[0].Stream.AsSpan(Entries[0].Stream.IndexOf('/', StringComparison.Ordinal) + 1), out var id) ? id : null;
}
