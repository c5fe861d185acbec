using System.Globalization;
using Lifeline.Server.Http;
using Lifeline.Storage.Accounts;
using Lifeline.Storage.Writing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Lifeline.Server.Access;

public sealed class SignInForm
{
    public string? Username { get; init; }

    public string? Password { get; init; }

    public string? ReturnUrl { get; init; }
}

public sealed record TokenRequest(string? Username, string? Password, string? Device);

public sealed record TokenResponse(Guid TokenId, string Device, string Token);

public sealed record GrantResponse(Guid OperationId, string Role, Guid? SiteId);

/// <summary>The signed-in user; <c>language</c> is the language they chose for the pages, or null.</summary>
public sealed record MeResponse(Guid Id, string Username, bool Administrator, string Device, string? Language, IReadOnlyList<GrantResponse> Grants);

/// <summary>Signing in and out with a browser, exchanging a password for a device token, revoking tokens.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app)
    {
        var anonymous = app.MapGroup("/account").WithTags("Account").AllowAnonymous();
        anonymous.MapGet("/sign-in", (string? returnUrl, HttpContext context, IAntiforgery antiforgery) => SignInPage.Render(context, antiforgery, refused: false, StatusCodes.Status200OK, returnUrl))
            .ExcludeFromDescription();
        anonymous.MapPost("/sign-in", SignIn).RequireRateLimiting(AccessSetup.SignInLimit).ExcludeFromDescription();
        anonymous.MapPost("/token", IssueToken).RequireRateLimiting(AccessSetup.SignInLimit)
            .Produces<TokenResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        var signedIn = app.MapGroup("/account").WithTags("Account").RequireAuthorization(Policies.SignedIn);
        signedIn.MapPost("/sign-out", (Func<HttpContext, LogStore, TimeProvider, Task<IResult>>)SignOut).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        signedIn.MapGet("/me", Me).Produces<MeResponse>();
        signedIn.MapPost("/tokens/{tokenId:guid}/revoke", Revoke).Produces(StatusCodes.Status204NoContent).ProducesValidationProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> SignIn([FromForm] SignInForm form, HttpContext context, IAntiforgery antiforgery, LogStore store, TimeProvider clock)
    {
        if (SignIns.Attempt(store, form.Username, form.Password, clock.GetUtcNow()) is not SignInOutcome.Succeeded { Account: var account })
        {
            return SignInPage.Render(context, antiforgery, refused: true, StatusCodes.Status401Unauthorized, form.ReturnUrl);
        }

        var session = store.WriteAside(s => Accounts.StartSession(s, account.Id, clock.GetUtcNow()));
        await context.SignInAsync(AccessSetup.CookieScheme, Caller.Principal(account.Id, "web", AccessSetup.CookieScheme, session.Id));
        return Results.Redirect(SignInPage.LocalOrHome(form.ReturnUrl), permanent: false, preserveMethod: false);
    }

    /// <summary>Ends the session on the server, so that a copy of the cookie kept from before is refused too.</summary>
    private static async Task<IResult> SignOut(HttpContext context, LogStore store, TimeProvider clock)
    {
        if (Caller.SessionOf(context.User) is { } session && Caller.Of(context) is { } caller)
        {
            store.WriteAside(s =>
            {
                Accounts.EndSession(s, session, caller.Account.Id, clock.GetUtcNow());
                return 0;
            });
        }

        await context.SignOutAsync(AccessSetup.CookieScheme);
        return Results.Redirect(AccessDenials.SignInPath);
    }

    private static IResult IssueToken(TokenRequest request, LogStore store, TimeProvider clock)
    {
        var device = request.Device?.Trim();
        if (device is not { Length: >= 1 and <= 100 })
        {
            return Problems.FromRejections([ServerReasons.Requests.DeviceRequired.Invalid("device")]);
        }

        var now = clock.GetUtcNow();
        if (SignIns.Attempt(store, request.Username, request.Password, now) is not SignInOutcome.Succeeded { Account: var account })
        {
            return Problems.Unauthorized(ServerReasons.Requests.CredentialsRefused.Invalid("password"));
        }

        var (token, secret) = store.WriteAside(session => Accounts.IssueToken(session, account.Id, device, now));
        return Results.Created($"/account/tokens/{token.Id}", new TokenResponse(token.Id, token.Device, secret));
    }

    private static IResult Me(HttpContext context)
    {
        var caller = Caller.Of(context)!;
        return Results.Ok(new MeResponse(
            caller.Account.Id,
            caller.Account.Username,
            caller.Account.Administrator,
            caller.Device,
            caller.Account.Language,
            caller.Grants.Select(g => new GrantResponse(g.OperationId, g.Role.Name(), g.SiteId)).ToList()));
    }

    /// <summary>Users revoke their own tokens, administrators anyone's; someone else's token answers as if it did not exist.</summary>
    private static IResult Revoke(Guid tokenId, HttpContext context, LogStore store, TimeProvider clock)
    {
        var caller = Caller.Of(context)!;
        var revoked = store.WriteAside(session =>
        {
            var token = Accounts.FindToken(session, tokenId);
            if (token is null || (token.UserId != caller.Account.Id && !caller.Account.Administrator))
            {
                return false;
            }

            Accounts.RevokeToken(session, tokenId, clock.GetUtcNow());
            return true;
        });
        return revoked ? Results.NoContent() : Problems.NotFound(ServerReasons.Requests.TokenNotFound.NotFound("tokenId", ("token", tokenId)));
    }
}

/// <summary>The sign-in page, in the request's language (<see cref="Web.Account.SignInPage"/>).</summary>
internal static class SignInPage
{
    /// <summary>Longer than any page of ours with its query; a longer one is not worth a header.</summary>
    private const int MaxReturnLength = 2048;

    /// <summary>
    /// Where to go after signing in: back to the page that asked, only if it is a path on this server, otherwise
    /// the landing page. ASP.NET's rule (one leading '/', not "//" or "/\") is not enough on its own: browsers drop
    /// tabs and newlines from a URL and read '\' as '/', so "/\t/evil.example" leaves the site, and a newline
    /// cannot go into a header at all. Any control, format or white-space character, or any '\', sends the
    /// browser home instead.
    /// </summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= MaxReturnLength } url
        && url[0] == '/'
        && (url.Length == 1 || url[1] != '/')
        && !url.Any(c => c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.Surrogate)
            ? url
            : Web.WebSetup.Root;

    public static IResult Render(HttpContext context, IAntiforgery antiforgery, bool refused, int status, string? returnUrl = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return Web.Shared.Pages.Render<Web.Account.SignInPage>(
            new
            {
                FormField = tokens.FormFieldName,
                FormToken = tokens.RequestToken ?? "",
                ReturnUrl = LocalOrHome(returnUrl),
                Refusal = refused ? ServerReasons.Requests.CredentialsRefused.Invalid("password") : null,
                MinimumLength = Passwords.MinimumLength,
            },
            status);
    }
}
