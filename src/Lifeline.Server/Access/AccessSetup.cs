using System.Security.Claims;
using System.Threading.RateLimiting;
using Lifeline.Storage.Accounts;
using Lifeline.Storage.Writing;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;

namespace Lifeline.Server.Access;

/// <summary>Authentication, authorization, antiforgery and rate limiting, wired in one place.</summary>
public static class AccessSetup
{
    public const string Scheme = "lifeline";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = "__Host-lifeline";
    public const string AntiforgeryCookieName = "lifeline-antiforgery";
    public const string AntiforgeryField = "__antiforgery";

    /// <summary>The rate-limiting policy on sign-in and token endpoints.</summary>
    public const string SignInLimit = "sign-in";

    /// <summary>Attempts per client address per window; enough for a person who mistypes, far too few to guess.</summary>
    public const int SignInPermits = 10;

    public static readonly TimeSpan SignInWindow = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddLifelineAccess(this IServiceCollection services, string keysDirectory)
    {
        // The cookie is encrypted with keys kept in the data directory, so a restart does not sign everyone out.
        services.AddDataProtection().SetApplicationName("Lifeline").PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or API token", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? TokenAuthentication.SchemeName : CookieScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.Path = "/";
                options.ExpireTimeSpan = Accounts.SessionLifetime;
                options.SlidingExpiration = true;
                options.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
                options.Events.OnValidatePrincipal = context =>
                {
                    // A signed-out session, or a disabled account's, ends on its next request, not when the cookie expires.
                    if (!Caller.HasLiveSession(context.HttpContext, context.Principal))
                    {
                        context.RejectPrincipal();
                    }

                    return Task.CompletedTask;
                };
                options.Events.OnCheckSlidingExpiration = context =>
                {
                    // The cookie slides on by a lifetime; its session's row goes with it, or the row would expire first.
                    if (context.ShouldRenew && Caller.SessionOf(context.Principal) is { } session && context.Principal?.FindFirstValue(Caller.UserIdClaim) is { } user && Guid.TryParse(user, out var userId))
                    {
                        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                        context.HttpContext.RequestServices.GetRequiredService<LogStore>().WriteAside(s =>
                        {
                            Accounts.RenewSession(s, session, userId, now);
                            return 0;
                        });
                    }

                    return Task.CompletedTask;
                };
            });

        services.AddSingleton<IAuthorizationHandler, RoleRequirementHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessDenials>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.SignedIn, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireAssertion(context =>
                context.Resource is HttpContext http && Caller.Of(http) is not null));
        foreach (var (name, roles) in Policies.Holders)
        {
            services.AddAuthorizationBuilder().AddPolicy(name, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().AddRequirements(new RoleRequirement(roles)));
        }

        services.AddAntiforgery(options =>
        {
            // Secure whenever the request is: the antiforgery system refuses to issue an Always-secure
            // cookie over plain HTTP, and the demo serves plain HTTP on loopback. The sign-in cookie itself
            // is always Secure, so over plain HTTP only a browser talking to localhost keeps it.
            options.Cookie.Name = AntiforgeryCookieName;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = AntiforgeryField;
        });

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellation) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)SignInWindow.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts", detail: $"Wait a minute before trying again; at most {SignInPermits} attempts a minute are allowed from one address.")
                    .ExecuteAsync(context.HttpContext);
            };
            options.AddPolicy(SignInLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = SignInPermits, Window = SignInWindow, QueueLimit = 0 }));
        });
        return services;
    }

    /// <summary>
    /// The middleware, in order: who is calling, their language, what they may do, form tokens and rate limits. The security
    /// headers come first, in the host, so that static assets served before access control carry them too.
    /// </summary>
    public static IApplicationBuilder UseLifelineAccess(this IApplicationBuilder app) => app
        .UseHsts()
        .UseStatusCodePages()
        .UseAuthentication()
        .UseRequestLocalization() // after authentication: a signed-in person's language is kept with their account
        .UseAuthorization()
        .UseAntiforgery()
        .UseRateLimiter();

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
