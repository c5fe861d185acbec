using Lifeline.Server.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Lifeline.Server.Access;

/// <summary>
/// Endpoint metadata of pages people open in a browser: a refusal answers with a page (sign in, or not
/// allowed) rather than problem details. The page names the field at fault in <c>data-refused</c>.
/// </summary>
public interface IRefusalPage
{
    Task Answer(HttpContext context, int status);
}

/// <summary>
/// Answers refused requests with the same problem details as every other error, keyed by the field at
/// fault. An operation the caller is not a member of and one that does not exist answer alike, so that
/// guessing ids reveals nothing. A page opened in a browser by someone not signed in leads to the sign-in
/// form, which returns them to the page afterwards.
/// </summary>
public sealed class AccessDenials : IAuthorizationMiddlewareResultHandler
{
    /// <summary>The sign-in form, which takes the page to return to afterwards.</summary>
    public const string SignInPath = "/account/sign-in";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var page = context.GetEndpoint()?.Metadata.GetMetadata<IRefusalPage>();
        if (page is not null && authorizeResult.Challenged && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            // Opening a page (or the server's address, which leads to the operations page) while signed out. A
            // form posted after the session ended still gets the page below: its content cannot be carried over.
            var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            context.Response.Redirect($"{SignInPath}?returnUrl={Uri.EscapeDataString(back)}");
        }
        else if (page is not null && (authorizeResult.Challenged || authorizeResult.Forbidden))
        {
            if (authorizeResult.Challenged)
            {
                await context.ChallengeAsync();
            }

            await page.Answer(context, authorizeResult.Challenged ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden);
        }
        else if (authorizeResult.Challenged)
        {
            await context.ChallengeAsync();
            await Problems.Unauthorized(ServerReasons.Requests.SignIn.Invalid("authorization")).ExecuteAsync(context);
        }
        else if (authorizeResult.Forbidden)
        {
            var refusal = context.GetRouteValue("operationId") is string operation
                ? Problems.Forbidden(ServerReasons.Requests.NoRoleInOperation.Invalid("operationId", ("operation", operation)))
                : Problems.Forbidden(ServerReasons.Requests.AccountNotAllowed.Invalid("authorization"));
            await refusal.ExecuteAsync(context);
        }
        else
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
