using System.Globalization;
using Lifeline.Log.Chain;
using Lifeline.Log.Signing;

namespace Lifeline.Log.Verification;

/// <summary>What kind of check an entry or checkpoint failed.</summary>
public enum FailureKind
{
    /// <summary>An entry is missing, duplicated or out of order.</summary>
    Sequence,

    /// <summary>An entry's previous hash is not the hash of the entry before it.</summary>
    Link,

    /// <summary>An entry's stored hash is not the hash of its content: the entry was changed.</summary>
    Hash,

    /// <summary>A checkpoint's signature or head hash does not hold.</summary>
    Signature,

    /// <summary>Entries at the end of the log are not covered by any signed checkpoint.</summary>
    Unsigned,
}

/// <summary>The first thing that failed: which log, which entry (or checkpoint) and why.</summary>
public sealed record VerificationFailure(Guid LogId, long Sequence, FailureKind Kind, string Reason)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"entry {Sequence} of log {LogId}: {Reason}");
}

/// <summary>The outcome of verifying one log.</summary>
public sealed record LogVerification(Guid LogId, long EntriesVerified, long CheckpointsVerified, VerificationFailure? Failure)
{
    public bool Succeeded => Failure is null;
}

/// <summary>
/// Recomputes every hash of a log, checks every link and every checkpoint signature, and stops at the
/// first failure so that it can name the entry. Reads entries and checkpoints as streams in sequence
/// order: a log of millions of entries is verified in constant memory.
/// </summary>
public sealed class LogVerifier(CheckpointPublicKey publicKey)
{
    public LogVerification Verify(Guid logId, IEnumerable<LogEntry> entries, IEnumerable<Checkpoint> checkpoints)
    {
        using var checkpoint = checkpoints.GetEnumerator();
        var hasCheckpoint = checkpoint.MoveNext();
        var previous = LogEntry.GenesisHash;
        var expected = 1L;
        var verifiedCheckpoints = 0L;
        var lastSigned = 0L;
        Span<byte> recomputed = stackalloc byte[EntryHash.Length];

        LogVerification Fail(long sequence, FailureKind kind, string reason) =>
            new(logId, expected - 1, verifiedCheckpoints, new VerificationFailure(logId, sequence, kind, reason));

        foreach (var entry in entries)
        {
            if (entry.LogId != logId)
            {
                return Fail(entry.Sequence, FailureKind.Sequence, $"the entry belongs to log {entry.LogId}, not to this log");
            }

            if (entry.Sequence != expected)
            {
                return Fail(expected, FailureKind.Sequence, string.Create(CultureInfo.InvariantCulture, $"expected entry {expected} but found entry {entry.Sequence}: entries are missing, duplicated or reordered"));
            }

            if (!entry.PreviousHash.AsSpan().SequenceEqual(previous))
            {
                return Fail(entry.Sequence, FailureKind.Link, expected == 1
                    ? "the first entry does not start from the genesis hash"
                    : string.Create(CultureInfo.InvariantCulture, $"its previous hash is not the hash of entry {expected - 1}"));
            }

            EntryHash.Compute(entry.LogId, entry.Sequence, entry.Id, entry.Type, entry.Stream, entry.StreamVersion, entry.Actor, entry.Device, entry.OccurredAt, entry.RecordedAt, entry.IdempotencyKey, entry.Body, entry.PreviousHash, recomputed);
            if (!recomputed.SequenceEqual(entry.Hash))
            {
                return Fail(entry.Sequence, FailureKind.Hash, $"its content does not match its hash {Convert.ToHexStringLower(entry.Hash)} (recomputed {Convert.ToHexStringLower(recomputed)}): the entry was altered");
            }

            while (hasCheckpoint && checkpoint.Current.Sequence <= entry.Sequence)
            {
                var current = checkpoint.Current;
                if (current.Sequence < entry.Sequence || current.LogId != logId)
                {
                    return Fail(current.Sequence, FailureKind.Signature, "a checkpoint is out of order or belongs to another log");
                }

                if (!current.HeadHash.AsSpan().SequenceEqual(entry.Hash))
                {
                    return Fail(current.Sequence, FailureKind.Signature, "the signed checkpoint names a different head hash than the entry has: the log was rewritten after signing");
                }

                if (!string.Equals(current.KeyId, publicKey.KeyId, StringComparison.Ordinal) || !publicKey.Verifies(current))
                {
                    return Fail(current.Sequence, FailureKind.Signature, $"the checkpoint signature does not verify under key {publicKey.KeyId}");
                }

                verifiedCheckpoints++;
                lastSigned = current.Sequence;
                hasCheckpoint = checkpoint.MoveNext();
            }

            previous = entry.Hash;
            expected++;
        }

        var last = expected - 1;
        if (hasCheckpoint)
        {
            return Fail(checkpoint.Current.Sequence, FailureKind.Sequence, string.Create(CultureInfo.InvariantCulture, $"a signed checkpoint covers entry {checkpoint.Current.Sequence} but the log ends at entry {last}: entries were removed"));
        }

        if (lastSigned < last)
        {
            return Fail(lastSigned + 1, FailureKind.Unsigned, string.Create(CultureInfo.InvariantCulture, $"entries {lastSigned + 1} to {last} are not covered by a signed checkpoint"));
        }

        return new LogVerification(logId, last, verifiedCheckpoints, null);
    }
}
