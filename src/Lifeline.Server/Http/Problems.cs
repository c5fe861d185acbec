using Lifeline.Domain.Primitives;

namespace Lifeline.Server.Http;

/// <summary>
/// The single mapping from Lifeline's named outcomes to RFC 9457 problem details. Every problem carries an
/// <c>errors</c> object keyed by the field at fault.
/// </summary>
public static class Problems
{
    public static IResult FromRejections(IReadOnlyList<Rejection> rejections)
    {
        var kind = rejections.Count == 0 ? RejectionKind.Invalid : rejections[0].Kind;
        var (status, title) = kind switch
        {
            RejectionKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            RejectionKind.Conflict => (StatusCodes.Status409Conflict, "Conflicts with what is recorded"),
            _ => (StatusCodes.Status422UnprocessableEntity, "The request is not valid"),
        };
        return Results.ValidationProblem(
            Errors(rejections),
            detail: string.Join("; ", rejections.Select(r => r.ToString())),
            statusCode: status,
            title: title);
    }

    public static IResult KeyConflict(string key) => Results.ValidationProblem(
        Errors([Rejection.Conflict(Writes.IdempotencyKeyHeader, "this idempotency key was already used for a different request")]),
        detail: $"{Writes.IdempotencyKeyHeader}: the key '{key}' was already used for a different request; use a new key for new content",
        statusCode: StatusCodes.Status409Conflict,
        title: "Idempotency key reused");

    public static IResult NotFound(string field, string reason) => FromRejections([Rejection.NotFound(field, reason)]);

    /// <summary>403: the caller is signed in but may not do this; the field names what they may not touch.</summary>
    public static IResult Forbidden(string field, string reason) => Results.ValidationProblem(
        Errors([Rejection.Invalid(field, reason)]),
        detail: $"{field}: {reason}",
        statusCode: StatusCodes.Status403Forbidden,
        title: "Not allowed");

    /// <summary>401: the credentials were refused. Deliberately vague: it does not say whether the user exists.</summary>
    public static IResult Unauthorized(string field, string reason) => Results.ValidationProblem(
        Errors([Rejection.Invalid(field, reason)]),
        detail: $"{field}: {reason}",
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Not signed in");

    public static IResult BadRequest(string field, string reason) => Results.ValidationProblem(
        Errors([Rejection.Invalid(field, reason)]),
        detail: $"{field}: {reason}",
        statusCode: StatusCodes.Status400BadRequest,
        title: "The request could not be read");

    private static Dictionary<string, string[]> Errors(IReadOnlyList<Rejection> rejections) =>
        rejections.GroupBy(r => r.Field, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(r => r.Reason).ToArray(), StringComparer.Ordinal);
}
