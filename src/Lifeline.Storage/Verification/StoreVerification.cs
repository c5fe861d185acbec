using System.Buffers.Text;
using System.Collections.Concurrent;
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
    /// Verifies every log in <paramref name="database"/> against the given public key: the embedded file with
    /// SQLite's own reader, a shared database through its provider, entry by entry, with the same checks.
    /// </summary>
    public static StoreVerification Run(StoreDatabase database, CheckpointPublicKey publicKey)
    {
        if (database is SqliteDatabase file)
        {
            return Run(file.Path, publicKey);
        }

        using var session = database.Open(readOnly: true);
        var results = new List<LogVerification>();
        foreach (var logId in LogReader.LogIds(session))
        {
            // Checkpoints first, entries in a snapshot taken after: every entry a checkpoint covers is then
            // visible even while other server processes go on appending.
            var checkpoints = LogReader.Checkpoints(session, logId).ToList();
            session.BeginSnapshot();
            var result = new LogVerifier(publicKey).Verify(logId, LogReader.Entries(session, logId).Pipelined(), checkpoints);
            if (result.Succeeded && SealedManifests.FirstMismatch(session, logId) is { } mismatch)
            {
                result = result with { Failure = mismatch };
            }

            session.Commit();
            results.Add(result);
            if (!result.Succeeded)
            {
                break;
            }
        }

        return new StoreVerification(results);
    }

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
            if (result.Succeeded && SealedManifests.FirstMismatch(session, logId) is { } mismatch)
            {
                result = result with { Failure = mismatch };
            }

            results.Add(result);
            if (!result.Succeeded)
            {
                break;
            }
        }

        return new StoreVerification(results);
    }

    /// <summary>
    /// Reads entries with SQLite's own API on a thread of its own, copying each row's columns into a chunk of
    /// bytes, while this thread hashes and checks the previous chunk: no object per entry, and reading and
    /// hashing run on two cores side by side.
    /// </summary>
    private static void Scan(Microsoft.Data.Sqlite.SqliteConnection connection, Guid logId, ChainCheck check)
    {
        using var full = new BlockingCollection<RowChunk>(boundedCapacity: 4);
        using var free = new BlockingCollection<RowChunk>();
        for (var i = 0; i < 6; i++)
        {
            free.Add(new RowChunk());
        }

        using var stop = new CancellationTokenSource();
        Exception? failure = null;
        var reader = new Thread(() =>
        {
            try
            {
                Read(connection, logId, full, free, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The check failed and stopped asking for more.
            }
            catch (Exception exception)
            {
                failure = exception;
            }
            finally
            {
                full.CompleteAdding();
            }
        })
        {
            IsBackground = true,
            Name = "lifeline-verify-reader",
        };
        reader.Start();
        try
        {
            foreach (var chunk in full.GetConsumingEnumerable())
            {
                var accepted = chunk.CheckAll(check);
                chunk.Clear();
                free.Add(chunk);
                if (!accepted)
                {
                    break;
                }
            }
        }
        finally
        {
            stop.Cancel();
            reader.Join();
        }

        if (failure is not null)
        {
            throw new InvalidOperationException($"reading the log failed: {failure.Message}", failure);
        }
    }

    private static void Read(Microsoft.Data.Sqlite.SqliteConnection connection, Guid logId, BlockingCollection<RowChunk> full, BlockingCollection<RowChunk> free, CancellationToken stop)
    {
        var database = connection.Handle!;
        if (raw.sqlite3_prepare_v2(database, EntrySql, out var statement) != raw.SQLITE_OK)
        {
            throw new InvalidOperationException(raw.sqlite3_errmsg(database).utf8_to_string());
        }

        using (statement)
        {
            raw.sqlite3_bind_text(statement, 1, logId.ToString());
            var chunk = free.Take(stop);
            int step;
            while ((step = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                chunk.Add(statement);
                if (chunk.Count == RowChunk.Capacity)
                {
                    full.Add(chunk, stop);
                    chunk = free.Take(stop);
                }
            }

            if (step != raw.SQLITE_DONE)
            {
                throw new InvalidOperationException(raw.sqlite3_errmsg(database).utf8_to_string());
            }

            if (chunk.Count > 0)
            {
                full.Add(chunk, stop);
            }
        }
    }

    /// <summary>A chunk of entries as stored: numbers in arrays, texts and blobs as slices of one byte buffer.</summary>
    private sealed class RowChunk
    {
        public const int Capacity = 1024;

        // Text and blob columns, in this order: id, type, stream, actor, device, idempotency key, body, previous hash, hash.
        private static readonly int[] ByteColumns = [1, 2, 3, 5, 6, 9, 10, 11, 12];
        private readonly long[] _numbers = new long[Capacity * 4];
        private readonly int[] _slices = new int[Capacity * ByteColumns.Length * 2];
        private byte[] _bytes = new byte[Capacity * 768];
        private int _used;

        public int Count { get; private set; }

        public void Add(sqlite3_stmt statement)
        {
            var row = Count;
            _numbers[(row * 4) + 0] = raw.sqlite3_column_int64(statement, 0);
            _numbers[(row * 4) + 1] = raw.sqlite3_column_int64(statement, 4);
            _numbers[(row * 4) + 2] = raw.sqlite3_column_int64(statement, 7);
            _numbers[(row * 4) + 3] = raw.sqlite3_column_int64(statement, 8);
            for (var c = 0; c < ByteColumns.Length; c++)
            {
                var value = raw.sqlite3_column_blob(statement, ByteColumns[c]);
                if (_used + value.Length > _bytes.Length)
                {
                    Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + value.Length));
                }

                value.CopyTo(_bytes.AsSpan(_used));
                _slices[(((row * ByteColumns.Length) + c) * 2) + 0] = _used;
                _slices[(((row * ByteColumns.Length) + c) * 2) + 1] = value.Length;
                _used += value.Length;
            }

            Count++;
        }

        public bool CheckAll(ChainCheck check)
        {
            for (var row = 0; row < Count; row++)
            {
                var sequence = _numbers[row * 4];
                if (!Utf8Parser.TryParse(Slice(row, 0), out Guid id, out _, 'D'))
                {
                    check.Unreadable(sequence, "its id is not a UUID: the entry was altered");
                    return false;
                }

                var accepted = check.Entry(
                    sequence,
                    id,
                    Slice(row, 1),
                    Slice(row, 2),
                    _numbers[(row * 4) + 1],
                    Slice(row, 3),
                    Slice(row, 4),
                    _numbers[(row * 4) + 2],
                    _numbers[(row * 4) + 3],
                    Slice(row, 5),
                    Slice(row, 6),
                    Slice(row, 7),
                    Slice(row, 8));
                if (!accepted)
                {
                    return false;
                }
            }

            return true;
        }

        public void Clear()
        {
            Count = 0;
            _used = 0;
        }

        private ReadOnlySpan<byte> Slice(int row, int column)
        {
            var at = ((row * ByteColumns.Length) + column) * 2;
            return _bytes.AsSpan(_slices[at], _slices[at + 1]);
        }
    }
}
