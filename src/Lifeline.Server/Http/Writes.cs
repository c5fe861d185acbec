using System.Security.Cryptography;
using System.Text;
using Lifeline.Domain.Deciding;
using Lifeline.Log.Canonical;
using Lifeline.Server.Access;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Http;

/// <summary>
/// The one path every HTTP write takes: read the client's idempotency key, run the command through the
/// store, and answer with a receipt or a problem.
/// </summary>
public static class Writes
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public const int MaxKeyLength = 200;

    /// <summary>
    /// Who records an HTTP write: the authenticated user and their device, never anything from the body.
    /// </summary>
    /// <exception cref="InvalidOperationException">The endpoint let an anonymous request write: its policy is missing.</exception>
    public static Author AuthorOf(HttpContext context) =>
        Caller.Of(context)?.Author ?? throw new InvalidOperationException($"{context.Request.Path} wrote without a signed-in caller; declare the endpoint's policy");

    /// <summary>Hands a command to the store and answers with the receipt of what it recorded.</summary>
    /// <param name="context">The request, for its idempotency key and path.</param>
    /// <param name="store">The store that records.</param>
    /// <param name="request">The request's body, fingerprinted for idempotency.</param>
    /// <param name="command">What to decide; its operation's log records the outcome.</param>
    /// <param name="location">Where the created thing can be read, from the id the command recorded.</param>
    /// <param name="occurredAt">When it happened, if the request says so; otherwise now.</param>
    public static async Task<IResult> Record(
        HttpContext context,
        LogStore store,
        object request,
        IOperationCommand command,
        Func<Guid, string>? location = null,
        DateTimeOffset? occurredAt = null)
    {
        var key = context.Request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length > MaxKeyLength)
        {
            return Problems.FromRejections([ServerReasons.Requests.IdempotencyKeyTooLong.Invalid(IdempotencyKeyHeader, ("max", MaxKeyLength))]);
        }

        return await Execute(context, store, request, command, key, occurredAt) switch
        {
            WriteOutcome.Recorded { Receipts: [var receipt] } => Created(context, receipt, location),
            WriteOutcome.Refused refused => Problems.FromRejections(refused.Rejections),
            WriteOutcome.KeyConflict conflict => Problems.KeyConflict(conflict.Key),
            var other => throw new InvalidOperationException($"unexpected outcome {other}"),
        };
    }

    /// <summary>
    /// Hands a command to the store and returns the named outcome, for callers that answer in their own shape
    /// (the web pages render a receipt or put rejections next to their fields).
    /// </summary>
    /// <param name="context">The request, for its path and its signed-in author.</param>
    /// <param name="store">The store that records.</param>
    /// <param name="request">The parsed request, fingerprinted for idempotency.</param>
    /// <param name="command">What to decide; its operation's log records the outcome.</param>
    /// <param name="key">The client's idempotency key (header or form field), empty for none; at most 200 characters.</param>
    /// <param name="occurredAt">When the fact happened, if not now (a field device recording offline).</param>
    public static Task<WriteOutcome> Execute(HttpContext context, LogStore store, object request, IOperationCommand command, string key, DateTimeOffset? occurredAt = null) =>
        store.ExecuteAsync(
            new LogCommand(command, key.Length == 0 ? null : key, key.Length == 0 ? null : Fingerprint(context.Request, request), occurredAt),
            AuthorOf(context));

    private static IResult Created(HttpContext context, Receipt receipt, Func<Guid, string>? location)
    {
        if (receipt.Replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        var id = receipt.SubjectId;
        var body = new WriteResponse(id, receipt);
        return location is not null && id is { } created
            ? Results.Created(location(created), body)
            : Results.Ok(body);
    }

    /// <summary>What makes a retry "the same request": method, path and the canonical form of the parsed body.</summary>
    private static byte[] Fingerprint(HttpRequest request, object body)
    {
        var canonical = CanonicalJson.Serialize(body, Json.Options);
        var prefix = Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n");
        return SHA256.HashData([.. prefix, .. canonical]);
    }
}

/// <summary>The answer to every write: the id of what was created, if anything, and the receipt.</summary>
public sealed record WriteResponse(Guid? Id, Receipt Receipt);
