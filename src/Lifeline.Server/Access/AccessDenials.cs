using Lifeline.Server.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Lifeline.Server.Access;

/// <summary>
/// Answers refused requests with the same problem details as every other error, keyed by the field at
/// fault. An operation the caller is not a member of and one that does not exist answer alike, so that
/// guessing ids reveals nothing.
/// </summary>
public sealed class AccessDenials : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            await context.ChallengeAsync();
            await Problems.Unauthorized("authorization", "sign in, or send an API token as 'Authorization: Bearer <token>'").ExecuteAsync(context);
        }
        else if (authorizeResult.Forbidden)
        {
            var refusal = context.GetRouteValue("operationId") is string operation
                ? Problems.Forbidden("operationId", $"you hold no role in operation {operation} that allows this, or it does not exist")
                : Problems.Forbidden("authorization", "your account does not allow this");
            await refusal.ExecuteAsync(context);
        }
        else
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
