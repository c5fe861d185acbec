using System.Text.Json;
using Lifeline.Log.Chain;
using Lifeline.Log.Signing;
using Lifeline.Server.Access;
using Lifeline.Server.Http;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Trail;

/// <summary>An entry as a partner downloads it to verify: every hashed field, the body as JSON.</summary>
public sealed record EntryResponse(
    long Sequence,
    Guid Id,
    string Type,
    string Stream,
    long StreamVersion,
    string Actor,
    string Device,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string? IdempotencyKey,
    JsonElement Body,
    string PreviousHash,
    string Hash)
{
    public static EntryResponse From(LogEntry entry)
    {
        using var body = JsonDocument.Parse(entry.Body);
        return new(
            entry.Sequence,
            entry.Id,
            entry.Type,
            entry.Stream,
            entry.StreamVersion,
            entry.Actor,
            entry.Device,
            entry.OccurredAt,
            entry.RecordedAt,
            entry.IdempotencyKey,
            body.RootElement.Clone(),
            Convert.ToHexStringLower(entry.PreviousHash),
            entry.HashHex);
    }
}

public sealed record CheckpointResponse(long Sequence, string HeadHash, DateTimeOffset SignedAt, string KeyId, string Signature)
{
    public static CheckpointResponse From(Checkpoint checkpoint) => new(
        checkpoint.Sequence,
        Convert.ToHexStringLower(checkpoint.HeadHash),
        checkpoint.SignedAt,
        checkpoint.KeyId,
        Convert.ToBase64String(checkpoint.Signature));
}

public sealed record LogPage(IReadOnlyList<EntryResponse> Entries, CheckpointResponse? LatestCheckpoint);

public sealed record PublicKeyResponse(string Algorithm, string KeyId, string PublicKey);

/// <summary>The log itself, for parties who verify it: entries page by page, checkpoints and the public key.</summary>
public static class TrailEndpoints
{
    private const int MaxPage = 1000;

    public static IEndpointRouteBuilder MapTrail(this IEndpointRouteBuilder app)
    {
        // The public key is public by nature: partners need it before they hold any account.
        app.MapGet("/log/public-key", (LogStore store) => new PublicKeyResponse("Ed25519", store.PublicKey.KeyId, store.PublicKey.Base64)).WithTags("Log").AllowAnonymous();
        var group = app.MapGroup("/operations/{operationId:guid}").WithTags("Log").RequireAuthorization(Policies.ReadLog);
        group.MapGet("/log", Page).Produces<LogPage>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static IResult Page(Guid operationId, LogStore store, long? from, int? limit)
    {
        if (from is < 1)
        {
            return Problems.FromRejections([ServerReasons.Requests.TrailFromRange.Invalid("from")]);
        }

        if (limit is < 1 or > MaxPage)
        {
            return Problems.FromRejections([ServerReasons.Requests.TrailLimitRange.Invalid("limit", ("max", MaxPage))]);
        }

        var page = store.Read(session => new LogPage(
            LogReader.Entries(session, operationId, from ?? 1, limit ?? 100).Select(EntryResponse.From).ToList(),
            LogReader.LatestCheckpoint(session, operationId) is { } checkpoint ? CheckpointResponse.From(checkpoint) : null));
        return page.LatestCheckpoint is null
            ? Problems.NotFound(ServerReasons.Requests.NoLog.NotFound("operationId", ("operation", operationId)))
            : Results.Ok(page);
    }
}
