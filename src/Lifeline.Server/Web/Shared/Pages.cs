using System.Globalization;
using Lifeline.Server.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Server.Web.Shared;

/// <summary>How page endpoints are mapped and answered, in one place.</summary>
public static class Pages
{
    /// <summary>The pages of one operation under one policy; refusals answer with a page.</summary>
    public static RouteGroupBuilder OperationPages(this IEndpointRouteBuilder app, string policy) => app
        .MapGroup($"{WebSetup.Root}/operations/{{operationId:guid}}")
        .RequireAuthorization(policy)
        .WithMetadata(RefusalPage.Instance)
        .ExcludeFromDescription();

    public static RazorComponentResult Render<TComponent>(object parameters, int status = StatusCodes.Status200OK)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<TComponent>(parameters) { StatusCode = status };

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Number(decimal value, int decimals) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture);

    /// <summary>Metric tons, to the kilogram.</summary>
    public static string Tons(decimal tons) => Number(tons, 3);

    /// <summary>A commodity's unit in the reader's language (bag, carton …), the same word refusals use; an unknown unit as it is.</summary>
    public static string Unit(string unit) =>
        Domain.Commodities.CommodityNames.Units.ContainsKey(unit) && ReasonTexts.Render(Domain.Reasons.Term("commodity-unit", unit)) is { } text ? text : unit;

    public static string Number(double value, int decimals = 1) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture);
}

/// <summary>The page a browser gets when it must sign in (401) or may not see what it asked for (403).</summary>
public sealed class RefusalPage : IRefusalPage
{
    public static readonly RefusalPage Instance = new();

    public Task Answer(HttpContext context, int status) =>
        Pages.Render<Refused>(new { Status = status, ReturnUrl = context.Request.Path + context.Request.QueryString }, status).ExecuteAsync(context);
}
