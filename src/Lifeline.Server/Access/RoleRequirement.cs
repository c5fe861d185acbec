using Lifeline.Storage.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Lifeline.Server.Access;

/// <summary>Requires one of the roles, in the operation the route names when the roles are operation roles.</summary>
public sealed record RoleRequirement(IReadOnlySet<Role> Roles) : IAuthorizationRequirement;

/// <summary>
/// The resource check behind every named policy: operation membership comes from the route's
/// <c>operationId</c>, so a member of one operation cannot read another by guessing its id. Unknown and
/// foreign operations are refused alike, which tells a guesser nothing.
/// </summary>
public sealed class RoleRequirementHandler : AuthorizationHandler<RoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (context.Resource is HttpContext http && Caller.Of(http) is { } caller)
        {
            var operation = http.GetRouteValue("operationId") is string text && Guid.TryParse(text, out var id) ? id : (Guid?)null;
            if (caller.Holds(requirement.Roles, operation))
            {
                context.Succeed(requirement);
            }
        }

        return Task.CompletedTask;
    }
}
