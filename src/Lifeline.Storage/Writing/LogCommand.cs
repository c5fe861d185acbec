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
public sealed record LogCommand(
    IOperationCommand Command,
    string? IdempotencyKey = null,
    byte[]? Fingerprint = null,
    DateTimeOffset? OccurredAt = null)
{
    /// <summary>The operation whose log records the outcome.</summary>
    public OperationId LogId => Command.OperationId;
}
