using System.Security.Cryptography;
using System.Text.Json;
using Lifeline.Domain.Deciding;
using Lifeline.Log.Canonical;
using Lifeline.Log.Chain;
using Lifeline.Log.Signing;
using Lifeline.Storage.Database;
using Lifeline.Storage.Projections;

namespace Lifeline.Storage.Writing;

/// <summary>
/// The SQLite store of operation logs and their projections. Every batch of commands is decided, appended,
/// projected and checkpointed in one transaction: a crash can never leave the log and its projections apart.
/// </summary>
public sealed class LogStore : IDisposable
{
    /// <summary>How many times a group is decided before a conflict with other writers is reported as a failure.</summary>
    private const int MaxAttempts = 20;

    /// <summary>Read sessions kept for reuse; more concurrent readers than this open and close their own.</summary>
    private const int MaxPooledReaders = 16;

    private static readonly JsonSerializerOptions ReceiptJson = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<PendingWrite> _queue = [];
    private readonly SqlSession _writer;
    private readonly ServerKey _key;
    private readonly TimeProvider _clock;
    private readonly ProjectionSet _projections;
    private readonly CommandHandlers _handlers;
    private readonly Random? _entropy;
    private readonly System.Collections.Concurrent.ConcurrentBag<SqlSession> _readers = [];

    /// <summary>
    /// Opens a store on <paramref name="database"/>, migrating the embedded file or refusing a shared database
    /// whose schema is not current. The store takes ownership of <paramref name="database"/> and <paramref name="key"/>.
    /// </summary>
    /// <exception cref="SchemaTooNewException">The database was migrated by a newer Lifeline.</exception>
    /// <exception cref="SchemaBehindException">A shared database needs <c>lifeline migrate</c> first.</exception>
    /// <param name="database">Where the log and projections live.</param>
    /// <param name="key">The server's signing key.</param>
    /// <param name="clock">The time entries are recorded at.</param>
    /// <param name="projections">The projections kept up to date (default: all of Lifeline's).</param>
    /// <param name="entropy">The random bits of entry ids; seeded, a scenario recorded twice gives the same entries.</param>
    /// <param name="handlers">The commands the store decides (default: all of Lifeline's).</param>
    public LogStore(StoreDatabase database, ServerKey key, TimeProvider clock, ProjectionSet? projections = null, Random? entropy = null, CommandHandlers? handlers = null)
    {
        _handlers = handlers ?? CommandHandlers.Lifeline;
        Database = database;
        _entropy = entropy;
        _key = key;
        _clock = clock;
        _projections = projections ?? ProjectionSet.Default;
        _writer = database.Open();
        try
        {
            if (database.MigratesOnOpen)
            {
                Migrations.Apply(_writer, database.Description, clock);
            }
            else
            {
                Migrations.RequireCurrent(_writer, database.Description);
            }
        }
        catch
        {
            _writer.Dispose();
            throw;
        }
    }

    public StoreDatabase Database { get; }

    public CheckpointPublicKey PublicKey => _key.PublicKey;

    /// <summary>Decides and records one command on its operation's log, covered by a signed checkpoint.</summary>
    public WriteOutcome Execute(LogCommand command, Author author) => Execute([command], author);

    /// <summary>As <see cref="Execute(LogCommand, Author)"/>, waiting for the writer without holding a thread.</summary>
    public Task<WriteOutcome> ExecuteAsync(LogCommand command, Author author, CancellationToken cancellation = default) =>
        ExecuteAsync([command], author, cancellation);

    /// <summary>
    /// Decides and records a batch of commands on one log, all or nothing, covered by a signed checkpoint.
    /// Batches that arrive while another is being written wait and are then committed together, each in a
    /// savepoint of its own, under one checkpoint per log and one durable commit (group commit): concurrent
    /// writers share the cost of the disk flush and the signature instead of queueing for one each.
    /// </summary>
    public WriteOutcome Execute(IReadOnlyList<LogCommand> commands, Author author)
    {
        var write = Enqueue(commands, author);
        if (write is null)
        {
            return new WriteOutcome.Recorded([]);
        }

        _gate.Wait();
        return Finish(write);
    }

    /// <summary>As <see cref="Execute(IReadOnlyList{LogCommand}, Author)"/>, waiting for the writer without holding a thread.</summary>
    public async Task<WriteOutcome> ExecuteAsync(IReadOnlyList<LogCommand> commands, Author author, CancellationToken cancellation = default)
    {
        var write = Enqueue(commands, author);
        if (write is null)
        {
            return new WriteOutcome.Recorded([]);
        }

        await _gate.WaitAsync(cancellation);
        return Finish(write);
    }

    private PendingWrite? Enqueue(IReadOnlyList<LogCommand> commands, Author author)
    {
        if (commands.Count == 0)
        {
            return null;
        }

        if (commands.Any(c => c.LogId != commands[0].LogId))
        {
            throw new ArgumentException("a batch records on one operation's log", nameof(commands));
        }

        var write = new PendingWrite(commands, author);
        lock (_queue)
        {
            _queue.Add(write);
        }

        return write;
    }

    /// <summary>With the gate held: commits the waiting group unless an earlier writer already did.</summary>
    private WriteOutcome Finish(PendingWrite write)
    {
        try
        {
            if (!write.Done)
            {
                CommitGroup();
            }
        }
        finally
        {
            _gate.Release();
        }

        if (write.Failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(write.Failure);
        }

        return write.Outcome!;
    }

    /// <summary>
    /// Runs a query against the projections on a connection of its own (not the writer's), taken from a small
    /// pool of sessions that keep their prepared statements: every API request reads its caller's token and
    /// grants before it does anything, and opening a connection and preparing those statements afresh each
    /// time cost more than the reads themselves.
    /// </summary>
    public T Read<T>(Func<SqlSession, T> query)
    {
        var session = _readers.TryTake(out var pooled) ? pooled : Database.Open();
        T result;
        try
        {
            result = query(session);
        }
        catch
        {
            // A session that failed mid-query may hold a broken statement or transaction: it is not reused.
            session.Dispose();
            throw;
        }

        if (session.Transaction is null && _readers.Count < MaxPooledReaders)
        {
            _readers.Add(session);
        }
        else
        {
            session.Dispose();
        }

        return result;
    }

    /// <summary>
    /// Changes tables that sit beside the log (accounts, credentials, personal-data keys) in one transaction
    /// on the store's writer, so that they never race an append. Nothing here enters the log.
    /// </summary>
    public T WriteAside<T>(Func<SqlSession, T> change)
    {
        _gate.Wait();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                _writer.Begin();
                try
                {
                    var result = change(_writer);
                    _writer.Commit();
                    return result;
                }
                catch (Exception exception) when (attempt < MaxAttempts && Conflicts.AreTransient(exception))
                {
                    // Another server process changed the same rows first (a sign-in on the same account).
                    _writer.Rollback();
                    Thread.Sleep(Conflicts.Backoff(attempt));
                }
                catch
                {
                    _writer.Rollback();
                    throw;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Makes deleted rows of <paramref name="table"/> as hard to recover as the database allows. SQLite
    /// (which overwrote them, with <c>secure_delete</c>) copies the write-ahead log into the file and empties
    /// it, so no older page survives there; PostgreSQL rewrites the table without the dead rows (its WAL
    /// segments and any archive keep them until recycled, which the operator's retention must cover).
    /// </summary>
    public void PurgeDeleted(string table)
    {
        _gate.Wait();
        try
        {
            _writer.Execute(_writer.IsPostgres ? $"VACUUM FULL {table}" : "PRAGMA wal_checkpoint(TRUNCATE)");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops every projection table and replays the whole log into new ones, in one transaction.</summary>
    /// <returns>The number of entries replayed.</returns>
    public long Rebuild()
    {
        _gate.Wait();
        try
        {
            _writer.Begin();
            try
            {
                if (_writer.IsPostgres)
                {
                    // Appenders in other server processes wait until the rebuilt tables are committed, so no
                    // entry lands in the old tables after the replay has read past it.
                    _writer.Execute("LOCK TABLE log_entries IN SHARE MODE");
                }

                foreach (var table in _projections.Tables)
                {
                    _writer.Execute($"DROP TABLE IF EXISTS {table}");
                }

                foreach (var projection in _projections.Projections)
                {
                    projection.Create(_writer);
                }

                // Entries are read and decoded on a second connection and thread while this one writes the
                // projections; in WAL mode the reader sees the log as it was when the rebuild began.
                var replayed = 0L;
                using var reader = Database.Open(readOnly: true);
                reader.BeginSnapshot();
                foreach (var (entry, domainEvent) in LogReader.AllEntries(reader).Select(e => (e, EventBodies.Read(e))).Pipelined())
                {
                    _projections.Apply(_writer, entry, domainEvent);
                    replayed++;
                }

                _writer.Commit();
                return replayed;
            }
            catch
            {
                _writer.Rollback();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Dispose();
        _writer.Dispose();
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }

        _key.Dispose();
        Database.Dispose();
    }

    /// <summary>Writes every batch waiting in the queue in one transaction; the caller holds the gate.</summary>
    private void CommitGroup()
    {
        List<PendingWrite> group;
        lock (_queue)
        {
            group = [.. _queue];
            _queue.Clear();
        }

        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    WriteGroup(group);
                    return;
                }
                catch (Exception exception) when (Conflicts.AreTransient(exception))
                {
                    // Another server process wrote the same log (or state this group read) first: decide the
                    // whole group again on the state it left, a bounded number of times.
                    foreach (var write in group)
                    {
                        write.Reset();
                        write.Failure = attempt == MaxAttempts ? exception : null;
                    }

                    if (attempt == MaxAttempts)
                    {
                        return;
                    }

                    Thread.Sleep(Conflicts.Backoff(attempt));
                }
            }
        }
        finally
        {
            foreach (var write in group)
            {
                write.Done = true;
            }
        }
    }

    /// <summary>
    /// Decides, appends and commits one group in one transaction. A conflict with another writer is thrown
    /// for the caller to retry; any other failure is the outcome of the batches it touched.
    /// </summary>
    private void WriteGroup(List<PendingWrite> group)
    {
        _writer.Begin();
        try
        {
            var heads = new Dictionary<Guid, ChainHead>();
            if (group is [var only])
            {
                // Alone in its group, a refused batch takes the whole transaction back with it: no savepoint
                // is needed, which spares PostgreSQL two round trips per single write.
                only.Outcome = Append(only, heads);
                if (only.Outcome is not null)
                {
                    _writer.Rollback();
                    return;
                }
            }

            foreach (var write in group.Count > 1 ? group : [])
            {
                _writer.Transaction!.Save("batch");
                try
                {
                    write.Outcome = Append(write, heads);
                    if (write.Outcome is not null)
                    {
                        _writer.Transaction.Rollback("batch");
                    }

                    _writer.Transaction.Release("batch");
                }
                catch (Exception exception) when (!Conflicts.AreTransient(exception))
                {
                    _writer.Transaction.Rollback("batch");
                    _writer.Transaction.Release("batch");
                    write.Failure = exception;
                }
            }

            var checkpoints = new Dictionary<Guid, ReceiptCheckpoint>();
            foreach (var (logId, head) in heads)
            {
                var checkpoint = _key.Sign(logId, head.Sequence, head.Hash, Timestamps.ToLogPrecision(_clock.GetUtcNow()));
                LogReader.Insert(_writer, checkpoint);
                checkpoints[logId] = new ReceiptCheckpoint(checkpoint.Sequence, Convert.ToHexStringLower(checkpoint.HeadHash), checkpoint.SignedAt, checkpoint.KeyId, Convert.ToBase64String(checkpoint.Signature));
            }

            foreach (var write in group.Where(w => w.Outcome is null && w.Failure is null))
            {
                var logId = write.Commands[0].LogId.Value;
                // Fresh receipts, and replays of a key first used earlier in this same group, take the group's checkpoint.
                var receipts = write.Receipts.Select(r => r!.Checkpoint is null && checkpoints.TryGetValue(logId, out var signed) ? r with { Checkpoint = signed } : r!).ToList();
                for (var i = 0; i < receipts.Count; i++)
                {
                    if (!receipts[i].Replayed && write.Commands[i].IdempotencyKey is { } key)
                    {
                        _writer.Execute(
                            "UPDATE idempotency_keys SET receipt = $receipt WHERE operation_id = $op AND actor = $actor AND key = $key",
                            ("$receipt", JsonSerializer.Serialize(receipts[i], ReceiptJson)),
                            ("$op", logId),
                            ("$actor", write.Author.Actor),
                            ("$key", key));
                    }
                }

                write.Outcome = new WriteOutcome.Recorded(receipts);
            }

            _writer.Commit();
        }
        catch (Exception exception) when (Conflicts.AreTransient(exception))
        {
            _writer.Rollback();
            throw;
        }
        catch (Exception exception)
        {
            _writer.Rollback();
            foreach (var write in group.Where(w => w.Failure is null))
            {
                write.Outcome = null;
                write.Failure = exception;
            }
        }
    }

    /// <summary>
    /// Decides and appends one batch inside the group's transaction. Returns the refusal, or null when every
    /// command was recorded or replayed (the receipts then wait for the group's checkpoint).
    /// </summary>
    private WriteOutcome? Append(PendingWrite write, Dictionary<Guid, ChainHead> heads)
    {
        var commands = write.Commands;
        var author = write.Author;
        var logId = commands[0].LogId.Value;
        var start = heads.TryGetValue(logId, out var known) ? known : LogReader.Head(_writer, logId);
        var head = start;
        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            if (command.IdempotencyKey is { } key)
            {
                var first = FindByKey(logId, author.Actor, key);
                if (first is not null)
                {
                    if (command.Fingerprint is null || !CryptographicOperations.FixedTimeEquals(first.Value.Fingerprint, command.Fingerprint))
                    {
                        return new WriteOutcome.KeyConflict(i, key);
                    }

                    write.Receipts[i] = first.Value.Receipt with { Replayed = true };
                    continue;
                }
            }

            var decision = _handlers.Decide(new WriteContext(_writer, _clock, _entropy), command.Command);
            if (decision is Decision.Rejected rejected)
            {
                return new WriteOutcome.Refused(i, rejected.Rejections);
            }

            var entries = new List<ReceiptEntry>();
            var now = _clock.GetUtcNow();
            foreach (var pending in ((Decision.Accepted)decision).Events)
            {
                var type = EventCatalog.Of(pending.Event);
                // A new stream is version 1 without a lookup; the unique (operation, stream, version) key
                // still refuses a second start of the same stream.
                var streamVersion = pending.StartsStream ? 1 : _writer.Scalar<long>(
                    "SELECT coalesce(max(stream_version), 0) FROM log_entries WHERE operation_id = $op AND stream = $stream",
                    ("$op", logId),
                    ("$stream", pending.Stream)) + 1;
                var draft = new EntryDraft(type.FullName, pending.Stream, streamVersion, author.Actor, author.Device, command.OccurredAt, command.IdempotencyKey, CanonicalJson.Serialize(pending.Event, EventJson.Options));
                var entry = EntryChain.Next(head, draft, now, _entropy);
                LogReader.Insert(_writer, entry);
                _projections.Apply(_writer, entry, pending.Event);
                entries.Add(new ReceiptEntry(entry.Sequence, entry.Id, entry.Type, entry.Stream, entry.HashHex));
                head = ChainHead.After(entry);
            }

            write.Receipts[i] = new Receipt(logId, entries, Checkpoint: null);
            if (command.IdempotencyKey is { } newKey)
            {
                // Claimed now, inside the batch's savepoint, so that a retry in the same group sees it.
                _writer.Execute(
                    "INSERT INTO idempotency_keys (operation_id, actor, key, fingerprint, receipt) VALUES ($op, $actor, $key, $fingerprint, $receipt)",
                    ("$actor", author.Actor),
                    ("$key", newKey),
                    ("$fingerprint", command.Fingerprint ?? []),
                    ("$op", logId),
                    ("$receipt", JsonSerializer.Serialize(write.Receipts[i], ReceiptJson)));
            }
        }

        if (head.Sequence > start.Sequence)
        {
            heads[logId] = head;
        }

        return null;
    }

    /// <summary>A batch waiting for, or done by, a group commit.</summary>
    private sealed class PendingWrite(IReadOnlyList<LogCommand> commands, Author author)
    {
        public IReadOnlyList<LogCommand> Commands { get; } = commands;

        public Author Author { get; } = author;

        public Receipt?[] Receipts { get; } = new Receipt?[commands.Count];

        public WriteOutcome? Outcome { get; set; }

        public Exception? Failure { get; set; }

        public bool Done { get; set; }

        /// <summary>Forgets what a rolled-back attempt decided, before the group is decided again.</summary>
        public void Reset()
        {
            Array.Clear(Receipts);
            Outcome = null;
            Failure = null;
        }
    }

    /// <summary>
    /// The first use of <paramref name="key"/> by <paramref name="actor"/> in <paramref name="logId"/>'s log: keys are
    /// the client's, so the same key from another actor or in another operation is another key and reveals nothing.
    /// </summary>
    private (byte[] Fingerprint, Receipt Receipt)? FindByKey(Guid logId, string actor, string key)
    {
        using var reader = _writer.Command(
            "SELECT fingerprint, receipt FROM idempotency_keys WHERE operation_id = $op AND actor = $actor AND key = $key",
            ("$op", logId),
            ("$actor", actor),
            ("$key", key)).ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return ((byte[])reader.GetValue(0), JsonSerializer.Deserialize<Receipt>(reader.GetString(1), ReceiptJson)!);
    }
}
