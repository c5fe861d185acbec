namespace Lifeline.Server.Http;

/// <summary>What every write endpoint answers, declared once for the OpenAPI document.</summary>
public static class WriteMetadata
{
    /// <summary>
    /// A receipt (201 when the write creates something, else 200), or one of the problems the write path
    /// gives: 400 unreadable body, 404 unknown id, 409 duplicate or reused idempotency key, 422 a broken rule.
    /// </summary>
    public static RouteHandlerBuilder ProducesWrite(this RouteHandlerBuilder endpoint, bool creates = true) => endpoint
        .Produces<WriteResponse>(creates ? StatusCodes.Status201Created : StatusCodes.Status200OK)
        .ProducesValidationProblem(StatusCodes.Status400BadRequest)
        .ProducesValidationProblem(StatusCodes.Status404NotFound)
        .ProducesValidationProblem(StatusCodes.Status409Conflict)
        .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
}
