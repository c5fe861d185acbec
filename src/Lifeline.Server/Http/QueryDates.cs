using System.Globalization;
using System.Text.RegularExpressions;
using Lifeline.Domain.Primitives;

namespace Lifeline.Server.Http;

/// <summary>
/// Dates and times an endpoint takes from its query string or route, held to <see cref="DateBounds"/> as body dates
/// are by <see cref="BoundedDates"/>: one filter on every API endpoint refuses a value outside 1900-2199 with a 422
/// naming the parameter, before the endpoint computes with a time near the ends of <see cref="DateTimeOffset"/>.
/// A text too far out to be read at all (<c>0001-01-01T00:00:00+03:00</c>) fails binding; <see cref="Unbound"/>
/// names the parameter and, when its year says so, the range.
/// </summary>
public static partial class QueryDates
{
    /// <summary>Adds the check to every endpoint mapped through the returned builder.</summary>
    public static RouteGroupBuilder Bounded(this IEndpointRouteBuilder app) => app.MapGroup(string.Empty).AddEndpointFilterFactory(Filter);

    /// <summary>The refusal for a query or route value that failed to bind, naming the parameter; null when the failure is not one.</summary>
    public static Rejection? Unbound(BadHttpRequestException exception)
    {
        var match = BindingFailure().Match(exception.Message);
        if (!match.Success)
        {
            return null;
        }

        var (type, name, text) = (match.Groups["type"].Value, match.Groups["name"].Value, match.Groups["text"].Value);
        // Written as ASP.NET Core names types: "Nullable<DateOnly>", "DateTimeOffset".
        var reason = (type.StartsWith("Nullable<", StringComparison.Ordinal) ? type["Nullable<".Length..].TrimEnd('>') : type.TrimEnd('?')) switch
        {
            nameof(DateOnly) => ServerReasons.Requests.ExpectedDate,
            nameof(DateTimeOffset) => ServerReasons.Requests.ExpectedDateTime,
            _ => null,
        };
        if (reason is null)
        {
            return null;
        }

        return YearOutOfBounds(text) ? DateBounds.Refused(name, text) : reason.Invalid(name);
    }

    /// <summary>Whether a text that does not read as a date still says, in its first digits, a year outside the span.</summary>
    public static bool YearOutOfBounds(string text)
    {
        var trimmed = text.Trim();
        var dash = trimmed.IndexOf('-', 1);
        return dash >= 4 && int.TryParse(trimmed.AsSpan(0, dash), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var year) && !DateBounds.HoldsYear(year);
    }

    private static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var dates = context.MethodInfo.GetParameters()
            .Select((parameter, index) => (parameter.Name!, index, Type: Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType))
            .Where(p => p.Type == typeof(DateOnly) || p.Type == typeof(DateTimeOffset))
            .ToList();
        if (dates.Count == 0)
        {
            return next;
        }

        return async invocation =>
        {
            var refused = dates
                .Select(p => invocation.Arguments[p.index] switch
                {
                    DateOnly day => DateBounds.Refusal(day, p.Item1),
                    DateTimeOffset instant => DateBounds.Refusal(instant, p.Item1),
                    _ => null,
                })
                .OfType<Rejection>()
                .ToList();
            return refused.Count > 0 ? Problems.FromRejections(refused) : await next(invocation);
        };
    }

    /// <summary>ASP.NET Core's message when a parameter does not bind (RequestDelegateFactory, with ThrowOnBadRequest).</summary>
    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^ "]+) (?<name>[^ "]+)" from "(?<text>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindingFailure();
}
