using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lifeline.Storage.Writing;

/// <summary>
/// Another writer appended to a stream after the loader read its version: the decision was made on state that
/// is no longer current, and the writer decides the command again (EventStore's "wrong expected version").
/// </summary>
public sealed class StreamVersionConflict(Guid log, string stream, long version, Exception inner)
    : Exception($"version {version} of stream {stream} in log {log} was taken by another writer", inner)
{
    public Guid Log { get; } = log;

    public string Stream { get; } = stream;

    /// <summary>The version the append claimed.</summary>
    public long Version { get; } = version;
}

/// <summary>
/// Which failures mean "another writer got there first" and are worth deciding again: PostgreSQL's
/// serialization failures and, on either store, an append whose expected stream version was taken meanwhile.
/// A second start of one stream is not a race but a bug, and is not retried.
/// </summary>
internal static class Conflicts
{
    /// <summary>
    /// A serialization failure or deadlock, two appenders claiming the same place in a log (a unique violation
    /// on a log's sequence, its checkpoint or an idempotency key, which a concurrent serializable transaction
    /// can surface instead of 40001), or a stream version taken since the loader read it.
    /// </summary>
    public static bool AreTransient(Exception exception) => exception is StreamVersionConflict or PostgresException
    {
        SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
    } or PostgresException
    {
        SqlState: PostgresErrorCodes.UniqueViolation,
        ConstraintName: "log_entries_pkey" or "log_checkpoints_pkey" or "idempotency_keys_pkey",
    };

    /// <summary>
    /// The unique (operation, stream, stream version) key refused an entry: the version it claimed is taken.
    /// SQLite names no constraint, only its columns.
    /// </summary>
    public static bool TakeStreamVersion(Exception exception) => exception switch
    {
        PostgresException postgres => postgres is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "log_entries_operation_id_stream_stream_version_key" },
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.Message.Contains("log_entries.stream_version", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>A short pause that grows with each attempt, jittered so that two retrying writers drift apart.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(100, 2 << Math.Min(attempt, 6)) * (0.5 + Random.Shared.NextDouble()));
}
