using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;

namespace Lifeline.Storage.Writing;

/// <summary>Who records: the authenticated actor and the device they record from.</summary>
public sealed record Author(string Actor, string Device);

/// <summary>
/// One command on its way into an operation's log, with what the client sent beside it: its idempotency key,
/// a fingerprint of its request and, for a fact recorded late, when it happened.
/// </summary>
/// <param name="Command">What to decide; its operation's log records the outcome.</param>
/// <param name="IdempotencyKey">The client's key: a retry by the same actor in the same operation with the same fingerprint returns the first receipt.</param>
/// <param name="Fingerprint">A hash of the client's request, compared on retries.</param>
/// <param name="OccurredAt">When it happened, if not now (a field device that recorded offline).</param>
/// <param name="KeyScope">Whose key <paramref name="IdempotencyKey"/> is: the actor's (a client's retry key), or the operation's.</param>
public sealed record LogCommand(
    IOperationCommand Command,
    string? IdempotencyKey = null,
    byte[]? Fingerprint = null,
    DateTimeOffset? OccurredAt = null,
    KeyScope KeyScope = KeyScope.Actor)
{
    /// <summary>The operation whose log records the outcome.</summary>
    public OperationId LogId => Command.OperationId;
}

/// <summary>Whose idempotency key a command carries.</summary>
public enum KeyScope
{
    /// <summary>The actor's own retry key: the same key from another actor is another key and reveals nothing.</summary>
    Actor,

    /// <summary>
    /// A key that names something shared by everyone in the operation, such as a field submission's instance id:
    /// the second actor to import the same submission replays it instead of recording the people twice.
    /// </summary>
    Operation,
}
