using System.Buffers.Text;
using Lifeline.Log.Signing;
using Lifeline.Log.Verification;
using Lifeline.Storage.Database;
using Lifeline.Storage.Writing;
using SQLitePCL;

namespace Lifeline.Storage.Verification;

/// <summary>The result of verifying every log in a database.</summary>
public sealed record StoreVerification(IReadOnlyList<LogVerification> Logs)
{
    private const string EntrySql =
        "SELECT sequence, id, type, stream, stream_version, actor, device, occurred_at, recorded_at, idempotency_key, body, previous_hash, hash " +
        "FROM log_entries WHERE operation_id = ?1 ORDER BY sequence";

    public long EntriesVerified => Logs.Sum(l => l.EntriesVerified);

    public long CheckpointsVerified => Logs.Sum(l => l.CheckpointsVerified);

    public VerificationFailure? FirstFailure => Logs.Select(l => l.Failure).FirstOrDefault(f => f is not null);

    public bool Succeeded => FirstFailure is null;

    /// <summary>
    /// Verifies every log in the database at <paramref name="databasePath"/>, read-only, against the given
    /// public key (which a partner obtains from the operation, not from the database).
    /// </summary>
    public static StoreVerification Run(string databasePath, CheckpointPublicKey publicKey)
    {
        using var connection = SqliteFile.Open(databasePath, readOnly: true);
        using var checkpointConnection = SqliteFile.Open(databasePath, readOnly: true);
        using var session = new SqlSession(connection);
        using var checkpointSession = new SqlSession(checkpointConnection);
        var results = new List<LogVerification>();
        foreach (var logId in LogReader.LogIds(session))
        {
            using var check = new ChainCheck(logId, publicKey, LogReader.Checkpoints(checkpointSession, logId));
            Scan(connection, logId, check);
            var result = check.Finish();
            results.Add(result);
            if (!result.Succeeded)
            {
                break;
            }
        }

        return new StoreVerification(results);
    }

    /// <summary>
    /// Reads entries with SQLite's own API so each column reaches the hash as a span over SQLite's buffer:
    /// no object per entry, which is what lets verification keep pace with the disk.
    /// </summary>
    private static void Scan(Microsoft.Data.Sqlite.SqliteConnection connection, Guid logId, ChainCheck check)
    {
        var database = connection.Handle!;
        if (raw.sqlite3_prepare_v2(database, EntrySql, out var statement) != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"cannot read the log: {raw.sqlite3_errmsg(database).utf8_to_string()}");
        }

        using (statement)
        {
            raw.sqlite3_bind_text(statement, 1, logId.ToString());
            int step;
            while ((step = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var sequence = raw.sqlite3_column_int64(statement, 0);
                if (!Utf8Parser.TryParse(raw.sqlite3_column_blob(statement, 1), out Guid id, out _, 'D'))
                {
                    check.Unreadable(sequence, "its id is not a UUID: the entry was altered");
                    break;
                }

                var accepted = check.Entry(
                    sequence,
                    id,
                    raw.sqlite3_column_blob(statement, 2),
                    raw.sqlite3_column_blob(statement, 3),
                    raw.sqlite3_column_int64(statement, 4),
                    raw.sqlite3_column_blob(statement, 5),
                    raw.sqlite3_column_blob(statement, 6),
                    raw.sqlite3_column_int64(statement, 7),
                    raw.sqlite3_column_int64(statement, 8),
                    raw.sqlite3_column_blob(statement, 9),
                    raw.sqlite3_column_blob(statement, 10),
                    raw.sqlite3_column_blob(statement, 11),
                    raw.sqlite3_column_blob(statement, 12));
                if (!accepted)
                {
                    break;
                }
            }

            if (step is not raw.SQLITE_ROW and not raw.SQLITE_DONE)
            {
                throw new InvalidOperationException($"reading the log failed: {raw.sqlite3_errmsg(database).utf8_to_string()}");
            }
        }
    }
}
