using Lifeline.Domain.Primitives;

namespace Lifeline.Server.Http;

/// <summary>
/// The single mapping from Lifeline's named outcomes to RFC 9457 problem details. Every problem carries an
/// <c>errors</c> object keyed by the field at fault (the reasons in English) and a <c>codes</c> object of the
/// same shape with each reason's stable code, so that a client can show the reason in its own language.
/// A problem lists at most <see cref="MaxRejections"/> rejections, the first ones, and says in <c>moreErrors</c>
/// how many it left out, so that a file of 300,000 bad cells is answered in kilobytes, not a hundred megabytes.
/// </summary>
public static class Problems
{
    /// <summary>How many rejections a problem, or a form's list of errors, shows at most.</summary>
    public const int MaxRejections = 100;

    /// <summary>The first <see cref="MaxRejections"/> rejections, and how many more there were.</summary>
    public static (IReadOnlyList<Rejection> Shown, int More) Capped(IReadOnlyCollection<Rejection> rejections) =>
        rejections.Count <= MaxRejections ? ([.. rejections], 0) : ([.. rejections.Take(MaxRejections)], rejections.Count - MaxRejections);

    public static IResult FromRejections(IReadOnlyList<Rejection> rejections)
    {
        var kind = rejections.Count == 0 ? RejectionKind.Invalid : rejections[0].Kind;
        var (status, title) = kind switch
        {
            RejectionKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            RejectionKind.Conflict => (StatusCodes.Status409Conflict, "Conflicts with what is recorded"),
            _ => (StatusCodes.Status422UnprocessableEntity, "The request is not valid"),
        };
        var (shown, more) = Capped(rejections);
        var detail = string.Join("; ", shown.Select(r => r.ToString()));
        return Problem(rejections, more == 0 ? detail : $"{detail}; and {more} more", status, title);
    }

    public static IResult KeyConflict(string key) => Problem(
        [ServerReasons.Requests.IdempotencyKeyReused.Conflict(Writes.IdempotencyKeyHeader)],
        $"{Writes.IdempotencyKeyHeader}: the key '{key}' was already used for a different request; use a new key for new content",
        StatusCodes.Status409Conflict,
        "Idempotency key reused");

    public static IResult NotFound(Rejection rejection) => FromRejections([rejection]);

    /// <summary>403: the caller is signed in but may not do this; the field names what they may not touch.</summary>
    public static IResult Forbidden(Rejection rejection) => Problem([rejection], rejection.ToString(), StatusCodes.Status403Forbidden, "Not allowed");

    /// <summary>401: the credentials were refused. Deliberately vague: it does not say whether the user exists.</summary>
    public static IResult Unauthorized(Rejection rejection) => Problem([rejection], rejection.ToString(), StatusCodes.Status401Unauthorized, "Not signed in");

    public static IResult BadRequest(Rejection rejection) => Problem([rejection], rejection.ToString(), StatusCodes.Status400BadRequest, "The request could not be read");

    private static IResult Problem(IReadOnlyList<Rejection> rejections, string detail, int status, string title)
    {
        var (shown, more) = Capped(rejections);
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["codes"] = ByField(shown, r => r.Code) };
        if (more > 0)
        {
            extensions["moreErrors"] = more;
        }

        return Results.ValidationProblem(ByField(shown, r => r.Reason), detail: detail, statusCode: status, title: title, extensions: extensions);
    }

    private static Dictionary<string, string[]> ByField(IReadOnlyList<Rejection> rejections, Func<Rejection, string> value) =>
        rejections.GroupBy(r => r.Field, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(value).ToArray(), StringComparer.Ordinal);
}
