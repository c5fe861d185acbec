using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace Lifeline.Server.Http;

/// <summary>
/// Turns a body that does not parse into a 400 problem that names the JSON member at fault, and anything
/// unexpected into a 500 that says nothing about the data it was handling.
/// </summary>
public sealed partial class UnreadableRequests : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        IResult result;
        if (exception is BadHttpRequestException { InnerException: JsonException json })
        {
            var field = json.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body";
            result = Problems.BadRequest(field, Describe(httpContext, json));
        }
        else if (exception is BadHttpRequestException bad)
        {
            result = Problems.BadRequest("body", bad.Message);
        }
        else
        {
            result = Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Lifeline could not complete the request", detail: "The error was logged on the server.");
        }

        await result.ExecuteAsync(httpContext);
        return true;
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();

    /// <summary>
    /// Says what the member at the failing JSON path should hold, by walking the endpoint's declared request
    /// type: System.Text.Json's own message names the enclosing type, not the member's.
    /// </summary>
    private static string Describe(HttpContext context, JsonException exception)
    {
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var requestType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var memberType = requestType is null || exception.Path is null ? null : MemberType(requestType, exception.Path);
        if (memberType is null)
        {
            return "the body is not well-formed JSON";
        }

        var type = Nullable.GetUnderlyingType(memberType) ?? memberType;
        return type switch
        {
            _ when type == typeof(double) || type == typeof(decimal) || type == typeof(int) || type == typeof(long) => "expected a number",
            _ when type == typeof(string) => "expected a string",
            _ when type == typeof(bool) => "expected true or false",
            _ when type == typeof(DateOnly) => "expected a date as yyyy-MM-dd",
            _ when type == typeof(DateTimeOffset) => "expected a date and time with an offset (RFC 3339)",
            _ when type.IsArray => "expected an array",
            _ => "expected an object",
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
