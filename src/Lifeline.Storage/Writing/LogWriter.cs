using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Lifeline.Domain.Deciding;
using Lifeline.Log.Canonical;
using Lifeline.Log.Chain;
using Lifeline.Log.Signing;
using Lifeline.Storage.Database;
using Lifeline.Storage.Projections;
using Lifeline.Storage.Protection;

namespace Lifeline.Storage.Writing;

/// <summary>
/// The store's one writer. Batches of commands that arrive while another group is being written wait and are
/// then committed together, each in a savepoint of its own, under one checkpoint per log and one durable
/// commit (group commit): concurrent writers share the cost of the disk flush and the signature instead of
/// queueing for one each. In the transaction each command is replayed from its idempotency key or decided by
/// its handler, chained, projected, and the group is signed.
/// </summary>
internal sealed class LogWriter(StoreDatabase database, SqlSession session, ServerKey key, TimeProvider clock, ProjectionSet projections, CommandHandlers handlers, PersonalData? personalData, Random? entropy) : IDisposable
{
    /// <summary>How many times a group is decided before a conflict with other writers is reported as a failure.</summary>
    private const int MaxAttempts = 20;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<PendingWrite> _queue = [];

    /// <summary>How many SQL statements the writer has sent since it opened.</summary>
    public long Statements => session.Statements;

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

    public async Task<WriteOutcome> ExecuteAsync(IReadOnlyList<LogCommand> commands, Author author, CancellationToken cancellation)
    {
        var write = Enqueue(commands, author);
        if (write is null)
        {
            return new WriteOutcome.Recorded([]);
        }

        await _gate.WaitAsync(cancellation);
        return Finish(write);
    }

    /// <summary>Runs <paramref name="work"/> on the writer's session with no append in progress.</summary>
    public T Exclusive<T>(Func<SqlSession, T> work)
    {
        _gate.Wait();
        try
        {
            Reconnect();
            return work(session);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="change"/> in a transaction of its own on the writer's session, again on a conflict
    /// with another server process (a bounded number of times).
    /// </summary>
    public T InTransaction<T>(Func<SqlSession, T> change) => Exclusive(writer =>
    {
        for (var attempt = 1; ; attempt++)
        {
            writer.Begin();
            try
            {
                var result = change(writer);
                writer.Commit();
                return result;
            }
            catch (Exception exception) when (attempt < MaxAttempts && Conflicts.AreTransient(exception))
            {
                writer.Rollback();
                Thread.Sleep(Conflicts.Backoff(attempt));
            }
            catch
            {
                writer.Rollback();
                throw;
            }
        }
    });

    public void Dispose()
    {
        _gate.Dispose();
        session.Dispose();
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
            ExceptionDispatchInfo.Throw(write.Failure);
        }

        return write.Outcome!;
    }

    /// <summary>
    /// Opens the writer's connection again when the database dropped it (a PostgreSQL restart or failover), so
    /// that no later write fails for it. A group cut off before its commit was sent is decided again on the new
    /// connection; one cut off while committing fails, since it may have landed, and its clients retry with
    /// their keys. The caller holds the gate.
    /// </summary>
    private void Reconnect()
    {
        if (session.IsBroken)
        {
            session.Dispose();
            session = database.Open();
        }
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
            if (!Reconnected(group))
            {
                return;
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    WriteGroup(group);
                    return;
                }
                catch (ConnectionLost lost) when (!lost.DuringCommit && attempt < MaxAttempts)
                {
                    // The database dropped the connection before the group's commit was sent, so nothing of it
                    // landed: it is decided again on a new connection.
                    foreach (var write in group)
                    {
                        write.Reset();
                    }

                    if (!Reconnected(group))
                    {
                        return;
                    }
                }
                catch (ConnectionLost lost)
                {
                    // Cut off while committing: the group may have landed or not. Each client retries with its
                    // key, which replays the receipt if it did; deciding again here could record it twice.
                    foreach (var write in group)
                    {
                        write.Reset();
                        write.Failure = lost.InnerException;
                    }

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

    /// <summary>Reconnects if the connection was lost; when the database cannot be reached, the whole group fails and nothing of it is recorded later.</summary>
    private bool Reconnected(List<PendingWrite> group)
    {
        try
        {
            Reconnect();
            return true;
        }
        catch (Exception exception)
        {
            foreach (var write in group)
            {
                write.Failure = exception;
            }

            return false;
        }
    }

    /// <summary>
    /// Decides, appends and commits one group in one transaction. A conflict with another writer is thrown
    /// for the caller to retry; any other failure is the outcome of the batches it touched.
    /// </summary>
    private void WriteGroup(List<PendingWrite> group)
    {
        var committing = false;
        try
        {
            session.Begin();
            var heads = new Dictionary<Guid, ChainHead>();
            var claimed = new Dictionary<KeyOwner, KeyUse>();
            if (group is [var only])
            {
                // Alone in its group, a refused batch takes the whole transaction back with it: no savepoint
                // is needed, which spares PostgreSQL two round trips per single write.
                only.Outcome = Append(only, heads, claimed);
                if (only.Outcome is not null)
                {
                    session.Rollback();
                    return;
                }
            }

            foreach (var write in group.Count > 1 ? group : [])
            {
                session.Transaction!.Save("batch");
                try
                {
                    write.Outcome = Append(write, heads, claimed);
                    if (write.Outcome is not null)
                    {
                        session.Transaction.Rollback("batch");
                    }

                    session.Transaction.Release("batch");
                }
                catch (Exception exception) when (!Conflicts.AreTransient(exception) && !session.IsBroken)
                {
                    session.Transaction.Rollback("batch");
                    session.Transaction.Release("batch");
                    write.Failure = exception;
                }
            }

            var checkpoints = Sign(heads);
            foreach (var write in group.Where(w => w.Outcome is null && w.Failure is null))
            {
                var logId = write.Commands[0].LogId.Value;
                // Fresh receipts, and replays of a key first used earlier in this same group, take the group's checkpoint.
                var receipts = write.Receipts.Select(r => r!.Checkpoint is null && checkpoints.TryGetValue(logId, out var signed) ? r with { Checkpoint = signed } : r!).ToList();
                foreach (var (owner, (fingerprint, index)) in write.Claims)
                {
                    IdempotencyKeys.Store(session, owner, new KeyUse(fingerprint, receipts[index]));
                }

                write.Outcome = new WriteOutcome.Recorded(receipts);
            }

            committing = true;
            session.Commit();
        }
        catch (Exception exception) when (session.IsBroken)
        {
            // The connection is gone, and with it the transaction: there is nothing to roll back.
            throw new ConnectionLost(committing, exception);
        }
        catch (Exception exception) when (Conflicts.AreTransient(exception))
        {
            session.Rollback();
            throw;
        }
        catch (Exception exception)
        {
            session.Rollback();
            foreach (var write in group.Where(w => w.Failure is null))
            {
                write.Outcome = null;
                write.Failure = exception;
            }
        }
    }

    /// <summary>Signs each log the group appended to at its new head.</summary>
    private Dictionary<Guid, ReceiptCheckpoint> Sign(Dictionary<Guid, ChainHead> heads)
    {
        var checkpoints = new Dictionary<Guid, ReceiptCheckpoint>();
        foreach (var (logId, head) in heads)
        {
            var checkpoint = key.Sign(logId, head.Sequence, head.Hash, Timestamps.ToLogPrecision(clock.GetUtcNow()));
            LogReader.Insert(session, checkpoint);
            checkpoints[logId] = new ReceiptCheckpoint(checkpoint.Sequence, Convert.ToHexStringLower(checkpoint.HeadHash), checkpoint.SignedAt, checkpoint.KeyId, Convert.ToBase64String(checkpoint.Signature));
        }

        return checkpoints;
    }

    /// <summary>
    /// Decides and appends one batch inside the group's transaction. Returns the refusal, or null when every
    /// command was recorded or replayed (the receipts then wait for the group's checkpoint, and the batch's new
    /// keys join <paramref name="claimed"/> for the batches after it in the group).
    /// </summary>
    private WriteOutcome? Append(PendingWrite write, Dictionary<Guid, ChainHead> heads, Dictionary<KeyOwner, KeyUse> claimed)
    {
        var commands = write.Commands;
        var author = write.Author;
        var logId = commands[0].LogId.Value;
        var start = heads.TryGetValue(logId, out var known) ? known : LogReader.Head(session, logId);
        var head = start;
        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            var owner = command.IdempotencyKey is { } key ? new KeyOwner(logId, command.KeyScope == KeyScope.Operation ? KeyOwner.WholeOperation : author.Actor, key) : (KeyOwner?)null;
            if (owner is { } keyed && FirstUse(write, keyed, claimed) is { } first)
            {
                if (command.Fingerprint is null || !CryptographicOperations.FixedTimeEquals(first.Fingerprint, command.Fingerprint))
                {
                    return new WriteOutcome.KeyConflict(i, keyed.Key);
                }

                write.Receipts[i] = first.Receipt with { Replayed = true };
                continue;
            }

            var context = new WriteContext(session, clock, entropy);
            var decision = handlers.Decide(context, command.Command);
            if (decision is Decision.Rejected rejected)
            {
                return new WriteOutcome.Refused(i, rejected.Rejections);
            }

            var entries = new List<ReceiptEntry>();
            var now = clock.GetUtcNow();
            var appended = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var pending in ((Decision.Accepted)decision).Events)
            {
                var type = EventCatalog.Of(pending.Event);
                var streamVersion = StreamVersion(command, context, appended, pending);
                // Personal data is sealed before it is signed: the log and the projections hold only ciphertext.
                var recorded = SealedText.Seal(pending.Event, personalData, session, context.NewId, entropy);
                var draft = new EntryDraft(type.FullName, pending.Stream, streamVersion, author.Actor, author.Device, command.OccurredAt, command.IdempotencyKey, CanonicalJson.Serialize(recorded, EventJson.Options));
                var entry = EntryChain.Next(head, draft, now, entropy);
                try
                {
                    LogReader.Insert(session, entry);
                }
                catch (Exception exception) when (!pending.StartsStream && Conflicts.TakeStreamVersion(exception))
                {
                    // Only an expected version can be overtaken; a second start of a stream is the decider's
                    // error, which deciding again would only repeat.
                    throw new StreamVersionConflict(logId, pending.Stream, streamVersion, exception);
                }

                projections.Apply(session, entry, recorded);
                entries.Add(new ReceiptEntry(entry.Sequence, entry.Id, entry.Type, entry.Stream, entry.HashHex));
                head = ChainHead.After(entry);
                appended[pending.Stream] = streamVersion;
            }

            write.Receipts[i] = new Receipt(logId, entries, Checkpoint: null);
            if (owner is { } claim)
            {
                write.Claims[claim] = (command.Fingerprint ?? [], i);
            }
        }

        foreach (var (owner, (fingerprint, index)) in write.Claims)
        {
            claimed[owner] = new KeyUse(fingerprint, write.Receipts[index]!);
        }

        if (head.Sequence > start.Sequence)
        {
            heads[logId] = head;
        }

        return null;
    }

    /// <summary>
    /// The version an event takes in its stream, from what the decision expects, never from a fresh look at the
    /// log: the next after an event the same decision appended to the stream; 1 for a stream the decider starts
    /// (it must not exist yet); otherwise the next after the version the handler's loader read. The unique
    /// (operation, stream, version) key refuses a version another writer took since.
    /// </summary>
    /// <exception cref="InvalidOperationException">The handler appends to a stream whose version its loader did not read.</exception>
    private static long StreamVersion(LogCommand command, WriteContext context, Dictionary<string, long> appended, PendingEvent pending) =>
        appended.TryGetValue(pending.Stream, out var last) ? last + 1
        : pending.StartsStream ? 1
        : context.Read(command.LogId.Value, pending.Stream, out var read) ? read + 1
        : throw new InvalidOperationException($"{command.Command.GetType().Name} appends to {pending.Stream} without reading its version: its handler's loader must call WriteContext.StreamVersion");

    /// <summary>The key's first use: earlier in this batch, earlier in this group, or in an earlier commit.</summary>
    private KeyUse? FirstUse(PendingWrite write, KeyOwner owner, Dictionary<KeyOwner, KeyUse> claimed) =>
        write.Claims.TryGetValue(owner, out var inBatch) ? new KeyUse(inBatch.Fingerprint, write.Receipts[inBatch.Index]!)
        : claimed.TryGetValue(owner, out var inGroup) ? inGroup
        : IdempotencyKeys.Find(session, owner);

    /// <summary>The database dropped the writer's connection while a group was written, before or while committing it.</summary>
    private sealed class ConnectionLost(bool duringCommit, Exception inner) : Exception("the connection to the database was lost", inner)
    {
        public bool DuringCommit { get; } = duringCommit;
    }

    /// <summary>A batch waiting for, or done by, a group commit.</summary>
    private sealed class PendingWrite(IReadOnlyList<LogCommand> commands, Author author)
    {
        public IReadOnlyList<LogCommand> Commands { get; } = commands;

        public Author Author { get; } = author;

        public Receipt?[] Receipts { get; } = new Receipt?[commands.Count];

        /// <summary>The keys this batch used first, with their fingerprints and the command that used them.</summary>
        public Dictionary<KeyOwner, (byte[] Fingerprint, int Index)> Claims { get; } = [];

        public WriteOutcome? Outcome { get; set; }

        public Exception? Failure { get; set; }

        public bool Done { get; set; }

        /// <summary>Forgets what a rolled-back attempt decided, before the group is decided again.</summary>
        public void Reset()
        {
            Array.Clear(Receipts);
            Claims.Clear();
            Outcome = null;
            Failure = null;
        }
    }
}
