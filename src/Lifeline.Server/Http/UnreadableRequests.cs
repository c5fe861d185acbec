using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lifeline.Domain;
using Lifeline.Domain.Primitives;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace Lifeline.Server.Http;

/// <summary>
/// Turns a body that does not parse into a 400 problem that names the JSON member at fault (a 422 for a date out
/// of <see cref="DateBounds"/>), and anything unexpected into a 500 that says nothing about the data it was
/// handling: the exception is logged with the request's trace id, which the problem carries, so an operator finds
/// the one from the other. The log names the endpoint's route, never the request's path, query or body.
/// </summary>
public sealed partial class UnreadableRequests(ILogger<UnreadableRequests> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        IResult result;
        if (exception is BadHttpRequestException { InnerException: DateOutOfBoundsException outside })
        {
            result = Problems.FromRejections([DateBounds.Refused(Field(outside), outside.Text)]);
        }
        else if (exception is BadHttpRequestException { InnerException: JsonException json })
        {
            result = Problems.BadRequest(Describe(httpContext, json).Invalid(Field(json)));
        }
        else if (exception is BadHttpRequestException unbound && QueryDates.Unbound(unbound) is { } date)
        {
            result = date.Code == Reasons.Input.DateOutOfRange.Code ? Problems.FromRejections([date]) : Problems.BadRequest(date);
        }
        else if (exception is BadHttpRequestException bad)
        {
            result = Problems.BadRequest(ServerReasons.Requests.Unreadable.Invalid("body", ("detail", bad.Message)));
        }
        else
        {
            // The id ASP.NET Core's problem details would carry anyway, set here so the log and the answer agree.
            var traceId = Activity.Current?.Id ?? httpContext.TraceIdentifier;
            var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
            Unhandled(logger, traceId, httpContext.Request.Method, (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no endpoint)", exception);
            result = Results.Problem(
                statusCode: StatusCodes.Status500InternalServerError,
                title: "Lifeline could not complete the request",
                detail: $"The error was logged on the server with trace id {traceId}.",
                extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["traceId"] = traceId });
        }

        await result.ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled exception, trace id {TraceId}, answering {Method} {Route} with 500")]
    private static partial void Unhandled(ILogger logger, string traceId, string method, string route, Exception exception);

    private static string Field(JsonException json) => json.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body";

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();

    /// <summary>
    /// Says what the member at the failing JSON path should hold, by walking the endpoint's declared request
    /// type: System.Text.Json's own message names the enclosing type, not the member's.
    /// </summary>
    private static Reason Describe(HttpContext context, JsonException exception)
    {
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var requestType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var memberType = requestType is null || exception.Path is null ? null : MemberType(requestType, exception.Path);
        if (memberType is null)
        {
            return ServerReasons.Requests.BodyNotJson;
        }

        var type = Nullable.GetUnderlyingType(memberType) ?? memberType;
        return type switch
        {
            _ when type == typeof(double) || type == typeof(decimal) || type == typeof(int) || type == typeof(long) => ServerReasons.Requests.ExpectedNumber,
            _ when type == typeof(string) => ServerReasons.Requests.ExpectedString,
            _ when type == typeof(bool) => ServerReasons.Requests.ExpectedBoolean,
            _ when type == typeof(DateOnly) => ServerReasons.Requests.ExpectedDate,
            _ when type == typeof(DateTimeOffset) => ServerReasons.Requests.ExpectedDateTime,
            _ when type.IsArray => ServerReasons.Requests.ExpectedArray,
            _ => ServerReasons.Requests.ExpectedObject,
        };
    }

    private static Type? MemberType(Type root, string path)
    {
        var type = root;
        foreach (var segment in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Index().Replace(segment, string.Empty);
            var property = type.GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                return null;
            }

            type = property.PropertyType;
            for (var depth = Index().Count(segment); depth > 0 && type.IsArray; depth--)
            {
                type = type.GetElementType()!;
            }
        }

        return type;
    }
}
