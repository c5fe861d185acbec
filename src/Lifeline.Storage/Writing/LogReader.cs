using System.Data.Common;
using Lifeline.Log.Chain;
using Lifeline.Log.Signing;
using Lifeline.Storage.Database;

namespace Lifeline.Storage.Writing;

/// <summary>The log tables: how entries and checkpoints are written and read back, in sequence order.</summary>
public static class LogReader
{
    private const string EntryColumns = "operation_id, sequence, id, type, stream, stream_version, actor, device, occurred_at, recorded_at, idempotency_key, body, previous_hash, hash";

    /// <summary>Where <paramref name="logId"/>'s log ends now (empty when it has no entries).</summary>
    public static ChainHead Head(SqlSession session, Guid logId)
    {
        using var reader = session.Command("SELECT sequence, hash FROM log_entries WHERE operation_id = $op ORDER BY sequence DESC LIMIT 1", ("$op", logId)).ExecuteReader();
        return reader.Read() ? new ChainHead(logId, reader.GetInt64(0), (byte[])reader.GetValue(1)) : ChainHead.Empty(logId);
    }

    public static void Insert(SqlSession session, LogEntry entry) => session.Execute(
        $"INSERT INTO log_entries ({EntryColumns}) VALUES ($op, $seq, $id, $type, $stream, $version, $actor, $device, $occurred, $recorded, $key, $body, $previous, $hash)",
        ("$op", entry.LogId),
        ("$seq", entry.Sequence),
        ("$id", entry.Id),
        ("$type", entry.Type),
        ("$stream", entry.Stream),
        ("$version", entry.StreamVersion),
        ("$actor", entry.Actor),
        ("$device", entry.Device),
        ("$occurred", entry.OccurredAt.ToUnixTimeMilliseconds()),
        ("$recorded", entry.RecordedAt.ToUnixTimeMilliseconds()),
        ("$key", entry.IdempotencyKey),
        ("$body", entry.Body),
        ("$previous", entry.PreviousHash),
        ("$hash", entry.Hash));

    public static void Insert(SqlSession session, Checkpoint checkpoint) => session.Execute(
        "INSERT INTO log_checkpoints (operation_id, sequence, head_hash, signed_at, key_id, signature) VALUES ($op, $seq, $head, $at, $key, $signature)",
        ("$op", checkpoint.LogId),
        ("$seq", checkpoint.Sequence),
        ("$head", checkpoint.HeadHash),
        ("$at", checkpoint.SignedAt.ToUnixTimeMilliseconds()),
        ("$key", checkpoint.KeyId),
        ("$signature", checkpoint.Signature));

    /// <summary>The ids of every log that has entries or checkpoints.</summary>
    public static List<Guid> LogIds(SqlSession session) => session.Query(
        "SELECT operation_id FROM log_entries UNION SELECT operation_id FROM log_checkpoints ORDER BY 1",
        row => Guid.Parse(row.GetString(0)));

    public static IEnumerable<LogEntry> Entries(SqlSession session, Guid logId, long fromSequence = 1, long limit = long.MaxValue) =>
        ReadEntries(session.Command(
            $"SELECT {EntryColumns} FROM log_entries WHERE operation_id = $op AND sequence >= $from ORDER BY sequence LIMIT $limit",
            ("$op", logId),
            ("$from", fromSequence),
            ("$limit", limit)));

    /// <summary>Every entry of every log; within a log in sequence order.</summary>
    public static IEnumerable<LogEntry> AllEntries(SqlSession session) =>
        ReadEntries(session.Command($"SELECT {EntryColumns} FROM log_entries ORDER BY operation_id, sequence"));

    public static IEnumerable<Checkpoint> Checkpoints(SqlSession session, Guid logId)
    {
        using var reader = session.Command(
            "SELECT operation_id, sequence, head_hash, signed_at, key_id, signature FROM log_checkpoints WHERE operation_id = $op ORDER BY sequence",
            ("$op", logId)).ExecuteReader();
        while (reader.Read())
        {
            yield return new Checkpoint(
                Guid.Parse(reader.GetString(0)),
                reader.GetInt64(1),
                (byte[])reader.GetValue(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                reader.GetString(4),
                (byte[])reader.GetValue(5));
        }
    }

    public static Checkpoint? LatestCheckpoint(SqlSession session, Guid logId) =>
        session.Single(
            "SELECT operation_id, sequence, head_hash, signed_at, key_id, signature FROM log_checkpoints WHERE operation_id = $op ORDER BY sequence DESC LIMIT 1",
            reader => new Checkpoint(
                Guid.Parse(reader.GetString(0)),
                reader.GetInt64(1),
                (byte[])reader.GetValue(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                reader.GetString(4),
                (byte[])reader.GetValue(5)),
            ("$op", logId));

    private static IEnumerable<LogEntry> ReadEntries(DbCommand command)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new LogEntry(
                Guid.Parse(reader.GetString(0)),
                reader.GetInt64(1),
                Guid.Parse(reader.GetString(2)),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetInt64(5),
                reader.GetString(6),
                reader.GetString(7),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                (byte[])reader.GetValue(11),
                (byte[])reader.GetValue(12),
                (byte[])reader.GetValue(13));
        }
    }
}
