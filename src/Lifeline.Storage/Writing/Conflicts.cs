using Npgsql;

namespace Lifeline.Storage.Writing;

/// <summary>
/// Which failures mean "another writer got there first" and are worth deciding again. Only PostgreSQL
/// raises them: SQLite writers queue for the file's write lock instead.
/// </summary>
internal static class Conflicts
{
    /// <summary>
    /// A serialization failure or deadlock, or two appenders claiming the same place in a log (a unique
    /// violation on a log's sequence, its checkpoint or an idempotency key, which a concurrent serializable
    /// transaction can surface instead of 40001). A second start of one stream is not a race but a bug, and
    /// is not retried.
    /// </summary>
    public static bool AreTransient(Exception exception) => exception is PostgresException
    {
        SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
    } or PostgresException
    {
        SqlState: PostgresErrorCodes.UniqueViolation,
        ConstraintName: "log_entries_pkey" or "log_checkpoints_pkey" or "idempotency_keys_pkey",
    };

    /// <summary>A short pause that grows with each attempt, jittered so that two retrying writers drift apart.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(100, 2 << Math.Min(attempt, 6)) * (0.5 + Random.Shared.NextDouble()));
}
