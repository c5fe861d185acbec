using System.Globalization;
using System.Text;
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

    /// <summary>A record derived from the log (e.g. a sealed manifest's lines) no longer matches what the log sealed.</summary>
    Sealed,
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
/// Checks one log entry by entry, in sequence order: each entry's sequence, its link to the entry before,
/// its hash, and every signed checkpoint as soon as the entry it covers has been checked. It stops at the
/// first failure so that the failure can name the entry. Entries arrive as UTF-8 spans, exactly as stored,
/// so a store can verify millions of entries without building an object per entry.
/// </summary>
public sealed class ChainCheck : IDisposable
{
    private readonly Guid _logId;
    private readonly CheckpointPublicKey _publicKey;
    private readonly IEnumerator<Checkpoint> _checkpoints;
    private readonly byte[] _previous = new byte[EntryHash.Length];
    private bool _hasCheckpoint;
    private long _expected = 1;
    private long _verifiedCheckpoints;
    private long _lastSigned;

    public ChainCheck(Guid logId, CheckpointPublicKey publicKey, IEnumerable<Checkpoint> checkpoints)
    {
        _logId = logId;
        _publicKey = publicKey;
        _checkpoints = checkpoints.GetEnumerator();
        _hasCheckpoint = _checkpoints.MoveNext();
    }

    public VerificationFailure? Failure { get; private set; }

    /// <summary>Checks the next entry; false once anything has failed (see <see cref="Failure"/>).</summary>
    public bool Entry(
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
        ReadOnlySpan<byte> hash)
    {
        if (Failure is not null)
        {
            return false;
        }

        if (sequence != _expected)
        {
            return Fail(_expected, FailureKind.Sequence, string.Create(CultureInfo.InvariantCulture, $"expected entry {_expected} but found entry {sequence}: entries are missing, duplicated or reordered"));
        }

        if (!previousHash.SequenceEqual(_previous))
        {
            return Fail(sequence, FailureKind.Link, _expected == 1
                ? "the first entry does not start from the genesis hash"
                : string.Create(CultureInfo.InvariantCulture, $"its previous hash is not the hash of entry {_expected - 1}"));
        }

        Span<byte> recomputed = stackalloc byte[EntryHash.Length];
        EntryHash.Compute(_logId, sequence, id, type, stream, streamVersion, actor, device, occurredAtMs, recordedAtMs, idempotencyKey, body, previousHash, recomputed);
        if (!recomputed.SequenceEqual(hash))
        {
            return Fail(sequence, FailureKind.Hash, $"its content does not match its hash {Convert.ToHexStringLower(hash)} (recomputed {Convert.ToHexStringLower(recomputed)}): the entry was altered");
        }

        while (_hasCheckpoint && _checkpoints.Current.Sequence <= sequence)
        {
            var current = _checkpoints.Current;
            if (current.Sequence < sequence || current.LogId != _logId)
            {
                return Fail(current.Sequence, FailureKind.Signature, "a checkpoint is out of order or belongs to another log");
            }

            if (!hash.SequenceEqual(current.HeadHash))
            {
                return Fail(current.Sequence, FailureKind.Signature, "the signed checkpoint names a different head hash than the entry has: the log was rewritten after signing");
            }

            if (!string.Equals(current.KeyId, _publicKey.KeyId, StringComparison.Ordinal) || !_publicKey.Verifies(current))
            {
                return Fail(current.Sequence, FailureKind.Signature, $"the checkpoint signature does not verify under key {_publicKey.KeyId}");
            }

            _verifiedCheckpoints++;
            _lastSigned = current.Sequence;
            _hasCheckpoint = _checkpoints.MoveNext();
        }

        hash.CopyTo(_previous);
        _expected++;
        return true;
    }

    /// <summary>Records that an entry could not even be read as an entry (e.g. a mangled id).</summary>
    public void Unreadable(long sequence, string reason)
    {
        if (Failure is null)
        {
            Fail(sequence, FailureKind.Hash, reason);
        }
    }

    /// <summary>Ends the log: every checkpoint must have been met and the last entry must be signed.</summary>
    public LogVerification Finish()
    {
        var last = _expected - 1;
        if (Failure is null && _hasCheckpoint)
        {
            Fail(_checkpoints.Current.Sequence, FailureKind.Sequence, string.Create(CultureInfo.InvariantCulture, $"a signed checkpoint covers entry {_checkpoints.Current.Sequence} but the log ends at entry {last}: entries were removed"));
        }
        else if (Failure is null && _lastSigned < last)
        {
            Fail(_lastSigned + 1, FailureKind.Unsigned, string.Create(CultureInfo.InvariantCulture, $"entries {_lastSigned + 1} to {last} are not covered by a signed checkpoint"));
        }

        return new LogVerification(_logId, last, _verifiedCheckpoints, Failure);
    }

    public void Dispose() => _checkpoints.Dispose();

    private bool Fail(long sequence, FailureKind kind, string reason)
    {
        Failure = new VerificationFailure(_logId, sequence, kind, reason);
        return false;
    }
}

/// <summary>Verifies a log given as entry objects, e.g. downloaded from the API.</summary>
public sealed class LogVerifier(CheckpointPublicKey publicKey)
{
    public LogVerification Verify(Guid logId, IEnumerable<LogEntry> entries, IEnumerable<Checkpoint> checkpoints)
    {
        using var check = new ChainCheck(logId, publicKey, checkpoints);
        foreach (var entry in entries)
        {
            if (entry.LogId != logId)
            {
                return new LogVerification(logId, 0, 0, new VerificationFailure(logId, entry.Sequence, FailureKind.Sequence, $"the entry belongs to log {entry.LogId}, not to this log"));
            }

            var accepted = check.Entry(
                entry.Sequence,
                entry.Id,
                Encoding.UTF8.GetBytes(entry.Type),
                Encoding.UTF8.GetBytes(entry.Stream),
                entry.StreamVersion,
                Encoding.UTF8.GetBytes(entry.Actor),
                Encoding.UTF8.GetBytes(entry.Device),
                entry.OccurredAt.ToUnixTimeMilliseconds(),
                entry.RecordedAt.ToUnixTimeMilliseconds(),
                Encoding.UTF8.GetBytes(entry.IdempotencyKey ?? string.Empty),
                entry.Body,
                entry.PreviousHash,
                entry.Hash);
            if (!accepted)
            {
                break;
            }
        }

        return check.Finish();
    }
}
