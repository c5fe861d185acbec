using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Storage.Database;

namespace Lifeline.Storage.Writing;

/// <summary>Who records: the authenticated actor and the device they record from.</summary>
public sealed record Author(string Actor, string Device);

/// <summary>
/// One command on its way into an operation's log: the decision to take against the current projections,
/// and the client's idempotency key with a fingerprint of what the client sent.
/// </summary>
/// <param name="LogId">The operation whose log records the outcome.</param>
/// <param name="Decide">A pure decider call; it reads projections through the session of the write transaction.</param>
/// <param name="IdempotencyKey">The client's key: a retry with the same key and fingerprint returns the first receipt.</param>
/// <param name="Fingerprint">A hash of the client's request, compared on retries.</param>
/// <param name="OccurredAt">When it happened, if not now (a field device that recorded offline).</param>
public sealed record LogCommand(
    OperationId LogId,
    Func<SqlSession, Decision> Decide,
    string? IdempotencyKey = null,
    byte[]? Fingerprint = null,
    DateTimeOffset? OccurredAt = null);
