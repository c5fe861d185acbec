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
    /// violation on a log's sequence, stream version or idempotency key, which a concurrent serializable
    /// transaction can surface instead of 40001).
    /// </summary>
    public static bool AreTransient(Exception exception) => exception is PostgresException
    {
        SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
    } or PostgresException
    {
        SqlState: PostgresErrorCodes.UniqueViolation,
        TableName: "log_entries" or "log_checkpoints" or "idempotency_keys",
    };

    /// <summary>A short pause that grows with each attempt, jittered so that two retrying writers drift apart.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(100, 2 << Math.Min(attempt, 6)) * (0.5 + Random.Shared.NextDouble()));
}
