using Lifeline.Domain.Primitives;
using Lifeline.Server.Http;

namespace Lifeline.Server.Access;

/// <summary>The check on assigned sites, which the route alone cannot make: the site is in the body.</summary>
public static class SiteAccess
{
    /// <summary>A 403 naming the field when the caller may not act at this site under the policy, else null.</summary>
    public static IResult? Refusal(HttpContext context, string policy, OperationId operation, Guid siteId, string field)
    {
        var caller = Caller.Of(context);
        return caller is not null && caller.MayActAt(Policies.Holders[policy], operation.Value, siteId)
            ? null
            : Problems.Forbidden(ServerReasons.Requests.NotAssignedToSite.Invalid(field, ("site", siteId)));
    }
}
