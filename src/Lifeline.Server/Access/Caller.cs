using System.Security.Claims;
using Lifeline.Storage.Accounts;
using Lifeline.Storage.Database;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Access;

/// <summary>The signed-in user behind a request, read from the accounts tables once per request.</summary>
public sealed class Caller
{
    public const string UserIdClaim = "sub";
    public const string DeviceClaim = "device";

    /// <summary>The browser session a cookie belongs to (<c>user_sessions</c>); API tokens have none.</summary>
    public const string SessionClaim = "sid";

    private Caller(Account account, string device, IReadOnlyList<Grant> grants)
    {
        Account = account;
        Device = device;
        Grants = grants;
    }

    public Account Account { get; }

    /// <summary>What the request came from: <c>web</c> for a signed-in browser, <c>token:ID</c> for an API token.</summary>
    public string Device { get; }

    public IReadOnlyList<Grant> Grants { get; }

    /// <summary>
    /// Who the log records: the account's opaque id, never its username, because the log is handed to
    /// partners and a username is often a staff member's name.
    /// </summary>
    public Author Author => new($"user:{Account.Id}", Device);

    /// <summary>The caller, or null for an anonymous request or an account that no longer exists or is disabled.</summary>
    public static Caller? Of(HttpContext context)
    {
        if (context.Items.TryGetValue(typeof(Caller), out var cached))
        {
            return (Caller?)cached;
        }

        var caller = Read(context, context.User);
        context.Items[typeof(Caller)] = caller;
        return caller;
    }

    /// <summary>
    /// Whether a cookie's session is still live and its account exists and is not disabled, read afresh (a cookie
    /// is checked with this before the request has a user). A cookie without a session, or whose session was
    /// ended by signing out, a new password or disabling the account, or has expired, is refused however long
    /// it has left to run. The account and its grants are
    /// remembered for the rest of the request, so that <see cref="Of"/> does not read them a second time.
    /// </summary>
    public static bool HasLiveSession(HttpContext context, ClaimsPrincipal? principal)
    {
        var caller = SessionOf(principal) is { } session ? Read(context, principal, session) : null;
        context.Items[typeof(Caller)] = caller;
        return caller is not null;
    }

    /// <summary>The browser session the principal was signed in with, or null (an API token, an older cookie).</summary>
    public static Guid? SessionOf(ClaimsPrincipal? principal) =>
        principal?.FindFirstValue(SessionClaim) is { } text && Guid.TryParse(text, out var session) ? session : null;

    private static Caller? Read(HttpContext context, ClaimsPrincipal? principal, Guid? browserSession = null) =>
        principal?.FindFirstValue(UserIdClaim) is { } text && Guid.TryParse(text, out var id)
            ? context.RequestServices.GetRequiredService<LogStore>().Read(session =>
                Accounts.Find(session, id) is { Disabled: false } account
                && (browserSession is not { } live || Accounts.IsLiveSession(session, live, id, context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()))
                    ? new Caller(account, principal.FindFirstValue(DeviceClaim) ?? "unknown", Accounts.Grants(session, id))
                    : null)
            : null;

    /// <summary>
    /// Remembers the caller for the rest of the request when authentication has just read the account, so
    /// that <see cref="Of"/> reads only the grants instead of the account a second time.
    /// </summary>
    public static void Remember(HttpContext context, SqlSession session, Account account, string device) =>
        context.Items[typeof(Caller)] = account.Disabled ? null : new Caller(account, device, Accounts.Grants(session, account.Id));

    public static ClaimsPrincipal Principal(Guid userId, string device, string scheme, Guid? browserSession = null) =>
        new(new ClaimsIdentity(
            browserSession is { } session
                ? [new Claim(UserIdClaim, userId.ToString()), new Claim(DeviceClaim, device), new Claim(SessionClaim, session.ToString())]
                : [new Claim(UserIdClaim, userId.ToString()), new Claim(DeviceClaim, device)],
            scheme,
            UserIdClaim,
            null));

    /// <summary>Whether the caller holds one of the roles in the operation (administrators hold theirs everywhere).</summary>
    public bool Holds(IReadOnlySet<Role> roles, Guid? operationId) =>
        (roles.Contains(Role.Administrator) && Account.Administrator)
        || (operationId is { } operation && Grants.Any(g => g.OperationId == operation && roles.Contains(g.Role)));

    /// <summary>Whether one of the roles lets the caller act at this site: unlimited roles anywhere in the operation, site-limited roles at their assigned sites only.</summary>
    public bool MayActAt(IReadOnlySet<Role> roles, Guid operationId, Guid siteId) =>
        Grants.Any(g => g.OperationId == operationId && roles.Contains(g.Role) && (!g.Role.IsLimitedToSites() || g.SiteId == siteId));

    public bool IsMemberOf(Guid operationId) => Grants.Any(g => g.OperationId == operationId);
}
