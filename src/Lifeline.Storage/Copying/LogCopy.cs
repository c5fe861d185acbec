using Lifeline.Log.Signing;
using Lifeline.Storage.Database;
using Lifeline.Storage.Verification;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Copying;

/// <summary>The outcome of copying logs from one store to another.</summary>
/// <param name="Logs">The logs copied.</param>
/// <param name="Entries">Entries copied, all logs together.</param>
/// <param name="Checkpoints">Signed checkpoints copied.</param>
/// <param name="Verification">The destination verified against the signing key, when one was given.</param>
public sealed record CopyResult(IReadOnlyList<Guid> Logs, long Entries, long Checkpoints, StoreVerification? Verification);

/// <summary>A copy was refused or came out different from its source; the message says where.</summary>
public sealed class CopyException(string message) : Exception(message);

/// <summary>
/// Moves operations between stores (an operation that outgrows a laptop's SQLite file moves to the agencies'
/// PostgreSQL server): entries and checkpoints are copied byte for byte, the destination's projections are
/// rebuilt from them, and the copy is compared with its source entry by entry before it counts as done.
/// </summary>
public static class LogCopy
{
    /// <param name="source">The store copied from; only read.</param>
    /// <param name="destination">The store copied to; migrated if needed, and must not hold any of the logs.</param>
    /// <param name="logs">The logs (operation ids) to copy; all of the source's when empty.</param>
    /// <param name="publicKey">The key that signed the checkpoints, to verify the destination with; optional.</param>
    /// <param name="clock">For the migration record.</param>
    /// <exception cref="CopyException">The destination already holds a log, or the copy differs from the source.</exception>
    public static CopyResult Copy(StoreDatabase source, StoreDatabase destination, IReadOnlyCollection<Guid> logs, CheckpointPublicKey? publicKey, TimeProvider clock)
    {
        using var from = source.Open(readOnly: true);
        using var to = destination.Open();
        Migrations.Apply(to, destination.Description, clock);
        Projections.ProjectionReplay.BringUpToDate(to, destination, Projections.ProjectionSet.Default);
        var sourceLogs = LogReader.LogIds(from);
        var copying = logs.Count == 0 ? sourceLogs : [.. logs];
        foreach (var log in copying.Where(l => !sourceLogs.Contains(l)))
        {
            throw new CopyException($"{source.Description} holds no log {log}");
        }

        from.BeginSnapshot();
        to.Begin();
        long entries = 0, checkpoints = 0;
        try
        {
            foreach (var log in copying)
            {
                if (LogReader.Head(to, log).Sequence > 0)
                {
                    throw new CopyException($"{destination.Description} already holds log {log}; copy into a store without it");
                }

                var recordKeys = new HashSet<Guid>();
                foreach (var entry in LogReader.Entries(from, log))
                {
                    LogReader.Insert(to, entry);
                    recordKeys.UnionWith(Protection.SealedText.KeysIn(entry.BodyText));
                    entries++;
                }

                // The copy reads its personal data with the same keys, and erasing a record erases it in both
                // only if it is shredded in both: the keys go with the entries that need them, and no others.
                foreach (var recordKey in recordKeys.Order())
                {
                    if (from.Scalar<byte[]>("SELECT wrapped_key FROM person_keys WHERE person_id = $person", ("$person", recordKey)) is { } wrapped)
                    {
                        to.Execute("INSERT INTO person_keys (person_id, wrapped_key) VALUES ($person, $key)", ("$person", recordKey), ("$key", wrapped));
                    }
                }

                foreach (var checkpoint in LogReader.Checkpoints(from, log).ToList())
                {
                    LogReader.Insert(to, checkpoint);
                    checkpoints++;
                }

                // Retries of requests first made against the source are still recognised by the destination.
                foreach (var (actor, key, fingerprint, receipt) in from.Query(
                    "SELECT actor, key, fingerprint, receipt FROM idempotency_keys WHERE operation_id = $op ORDER BY actor, key",
                    row => (row.GetString(0), row.GetString(1), (byte[])row.GetValue(2), row.GetString(3)),
                    ("$op", log)))
                {
                    to.Execute(
                        "INSERT INTO idempotency_keys (operation_id, actor, key, fingerprint, receipt) VALUES ($op, $actor, $key, $fingerprint, $receipt)",
                        ("$actor", actor),
                        ("$key", key),
                        ("$fingerprint", fingerprint),
                        ("$op", log),
                        ("$receipt", receipt));
                }
            }

            to.Commit();
            from.Commit();
        }
        catch
        {
            to.Rollback();
            from.Rollback();
            throw;
        }

        Compare(source, destination, copying);
        RebuildProjections(destination, clock);
        StoreVerification? verification = null;
        if (publicKey is not null)
        {
            verification = StoreVerification.Run(destination, publicKey);
            if (!verification.Succeeded)
            {
                throw new CopyException($"the copy in {destination.Description} does not verify: {verification.FirstFailure}");
            }
        }

        return new CopyResult(copying, entries, checkpoints, verification);
    }

    /// <summary>Reads both stores back and requires every entry hash and every checkpoint to match.</summary>
    private static void Compare(StoreDatabase source, StoreDatabase destination, IEnumerable<Guid> logs)
    {
        using var a = source.Open(readOnly: true);
        using var b = destination.Open(readOnly: true);
        foreach (var log in logs)
        {
            using var left = LogReader.Entries(a, log).Select(e => (e.Sequence, e.Hash)).GetEnumerator();
            using var right = LogReader.Entries(b, log).Select(e => (e.Sequence, e.Hash)).GetEnumerator();
            while (true)
            {
                var more = left.MoveNext();
                if (more != right.MoveNext())
                {
                    throw new CopyException($"log {log} has a different number of entries in {destination.Description} than in {source.Description}");
                }

                if (!more)
                {
                    break;
                }

                if (left.Current.Sequence != right.Current.Sequence || !left.Current.Hash.AsSpan().SequenceEqual(right.Current.Hash))
                {
                    throw new CopyException($"entry {left.Current.Sequence} of log {log} differs between {source.Description} and {destination.Description}");
                }
            }

            var sourceCheckpoints = LogReader.Checkpoints(a, log).Select(Describe).ToList();
            var copiedCheckpoints = LogReader.Checkpoints(b, log).Select(Describe).ToList();
            if (!sourceCheckpoints.SequenceEqual(copiedCheckpoints, StringComparer.Ordinal))
            {
                throw new CopyException($"the signed checkpoints of log {log} differ between {source.Description} and {destination.Description}");
            }
        }
    }

    private static string Describe(Checkpoint checkpoint) =>
        $"{checkpoint.Sequence} {Convert.ToHexString(checkpoint.HeadHash)} {checkpoint.SignedAt.ToUnixTimeMilliseconds()} {checkpoint.KeyId} {Convert.ToBase64String(checkpoint.Signature)}";

    /// <summary>
    /// Rebuilds the destination's projections from its log. The store is opened with a throwaway key because
    /// a rebuild appends nothing and signs nothing.
    /// </summary>
    private static void RebuildProjections(StoreDatabase destination, TimeProvider clock)
    {
        using var store = new LogStore(StoreDatabase.Parse(destination switch
        {
            PostgresDatabase shared => shared.ConnectionString,
            SqliteDatabase file => "sqlite:" + file.Path,
            _ => throw new ArgumentException("unknown kind of store", nameof(destination)),
        }), ServerKey.CreateEphemeral(), clock);
        store.Rebuild();
    }
}
