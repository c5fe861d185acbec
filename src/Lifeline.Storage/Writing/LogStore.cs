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
    private static readonly JsonSerializerOptions ReceiptJson = new(JsonSerializerDefaults.Web);
    private readonly Lock _gate = new();
    private readonly SqlSession _writer;
    private readonly ServerKey _key;
    private readonly TimeProvider _clock;
    private readonly ProjectionSet _projections;

    /// <summary>Opens (and migrates) the database; the store takes ownership of <paramref name="key"/>.</summary>
    public LogStore(string databasePath, ServerKey key, TimeProvider clock, ProjectionSet? projections = null)
    {
        DatabasePath = databasePath;
        _key = key;
        _clock = clock;
        _projections = projections ?? ProjectionSet.Default;
        _writer = new SqlSession(SqliteFile.Open(databasePath));
        Migrations.Apply(_writer, databasePath, clock);
    }

    public string DatabasePath { get; }

    public CheckpointPublicKey PublicKey => _key.PublicKey;

    public WriteOutcome Execute(LogCommand command, Author author) => Execute([command], author);

    /// <summary>Decides and records a batch of commands on one log, all or nothing, closed by one signed checkpoint.</summary>
    public WriteOutcome Execute(IReadOnlyList<LogCommand> commands, Author author)
    {
        if (commands.Count == 0)
        {
            return new WriteOutcome.Recorded([]);
        }

        var logId = commands[0].LogId;
        if (commands.Any(c => c.LogId != logId))
        {
            throw new ArgumentException("a batch records on one operation's log", nameof(commands));
        }

        lock (_gate)
        {
            _writer.Begin();
            try
            {
                var outcome = Record(logId.Value, commands, author);
                if (outcome is WriteOutcome.Recorded)
                {
                    _writer.Commit();
                }
                else
                {
                    _writer.Rollback();
                }

                return outcome;
            }
            catch
            {
                _writer.Rollback();
                throw;
            }
        }
    }

    /// <summary>Runs a query against the projections on a connection of its own.</summary>
    public T Read<T>(Func<SqlSession, T> query)
    {
        using var connection = SqliteFile.Open(DatabasePath);
        using var session = new SqlSession(connection);
        return query(session);
    }

    /// <summary>Drops every projection table and replays the whole log into new ones, in one transaction.</summary>
    /// <returns>The number of entries replayed.</returns>
    public long Rebuild()
    {
        lock (_gate)
        {
            _writer.Begin();
            try
            {
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
                using var readConnection = SqliteFile.Open(DatabasePath);
                using var reader = new SqlSession(readConnection);
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
    }

    public void Dispose()
    {
        var connection = _writer.Connection;
        _writer.Dispose();
        connection.Dispose();
        _key.Dispose();
    }

    private WriteOutcome Record(Guid logId, IReadOnlyList<LogCommand> commands, Author author)
    {
        var head = LogReader.Head(_writer, logId);
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? LogEntry.GenesisHash;
        var receipts = new Receipt?[commands.Count];
        var fresh = new List<(int Index, List<ReceiptEntry> Entries)>();
        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            if (command.IdempotencyKey is { } key)
            {
                var first = FindByKey(key);
                if (first is not null)
                {
                    if (command.Fingerprint is null || !CryptographicOperations.FixedTimeEquals(first.Value.Fingerprint, command.Fingerprint))
                    {
                        return new WriteOutcome.KeyConflict(i, key);
                    }

                    receipts[i] = first.Value.Receipt with { Replayed = true };
                    continue;
                }
            }

            var decision = command.Decide(_writer);
            if (decision is Decision.Rejected rejected)
            {
                return new WriteOutcome.Refused(i, rejected.Rejections);
            }

            var entries = new List<ReceiptEntry>();
            var now = Timestamps.ToLogPrecision(_clock.GetUtcNow());
            var occurred = command.OccurredAt is { } at ? Timestamps.ToLogPrecision(at) : now;
            foreach (var pending in ((Decision.Accepted)decision).Events)
            {
                var type = EventCatalog.Of(pending.Event);
                var body = CanonicalJson.Serialize(pending.Event, EventJson.Options);
                // A new stream is version 1 without a lookup; the unique (operation, stream, version) key
                // still refuses a second start of the same stream.
                var streamVersion = pending.StartsStream ? 1 : _writer.Scalar<long>(
                    "SELECT coalesce(max(stream_version), 0) FROM log_entries WHERE operation_id = $op AND stream = $stream",
                    ("$op", logId),
                    ("$stream", pending.Stream)) + 1;
                sequence++;
                var id = Guid.CreateVersion7(now);
                var hash = EntryHash.Compute(logId, sequence, id, type.FullName, pending.Stream, streamVersion, author.Actor, author.Device, occurred, now, command.IdempotencyKey, body, previous);
                var entry = new LogEntry(logId, sequence, id, type.FullName, pending.Stream, streamVersion, author.Actor, author.Device, occurred, now, command.IdempotencyKey, body, previous, hash);
                LogReader.Insert(_writer, entry);
                _projections.Apply(_writer, entry, pending.Event);
                entries.Add(new ReceiptEntry(sequence, id, type.FullName, pending.Stream, entry.HashHex));
                previous = hash;
            }

            fresh.Add((i, entries));
        }

        if (fresh.Count > 0)
        {
            var checkpoint = _key.Sign(logId, sequence, previous, Timestamps.ToLogPrecision(_clock.GetUtcNow()));
            LogReader.Insert(_writer, checkpoint);
            var signed = new ReceiptCheckpoint(checkpoint.Sequence, Convert.ToHexStringLower(checkpoint.HeadHash), checkpoint.SignedAt, checkpoint.KeyId, Convert.ToBase64String(checkpoint.Signature));
            foreach (var (index, entries) in fresh)
            {
                var receipt = new Receipt(logId, entries, signed);
                receipts[index] = receipt;
                if (commands[index].IdempotencyKey is { } key)
                {
                    _writer.Execute(
                        "INSERT INTO idempotency_keys (key, fingerprint, operation_id, receipt) VALUES ($key, $fingerprint, $op, $receipt)",
                        ("$key", key),
                        ("$fingerprint", commands[index].Fingerprint ?? []),
                        ("$op", logId),
                        ("$receipt", JsonSerializer.Serialize(receipt, ReceiptJson)));
                }
            }
        }

        return new WriteOutcome.Recorded(receipts.Select(r => r!).ToList());
    }

    private (byte[] Fingerprint, Receipt Receipt)? FindByKey(string key)
    {
        using var reader = _writer.Command("SELECT fingerprint, receipt FROM idempotency_keys WHERE key = $key", ("$key", key)).ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return ((byte[])reader.GetValue(0), JsonSerializer.Deserialize<Receipt>(reader.GetString(1), ReceiptJson)!);
    }
}
