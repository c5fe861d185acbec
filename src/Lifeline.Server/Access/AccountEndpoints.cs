using System.Net;
using Lifeline.Domain;
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

public sealed record MeResponse(Guid Id, string Username, bool Administrator, string Device, IReadOnlyList<GrantResponse> Grants);

/// <summary>Signing in and out with a browser, exchanging a password for a device token, revoking tokens.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app)
    {
        var anonymous = app.MapGroup("/account").WithTags("Account").AllowAnonymous();
        anonymous.MapGet("/sign-in", (string? returnUrl, HttpContext context, IAntiforgery antiforgery) => SignInPage.Render(context, antiforgery, message: null, StatusCodes.Status200OK, returnUrl))
            .ExcludeFromDescription();
        anonymous.MapPost("/sign-in", SignIn).RequireRateLimiting(AccessSetup.SignInLimit).ExcludeFromDescription();
        anonymous.MapPost("/token", IssueToken).RequireRateLimiting(AccessSetup.SignInLimit)
            .Produces<TokenResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        var signedIn = app.MapGroup("/account").WithTags("Account").RequireAuthorization(Policies.SignedIn);
        signedIn.MapPost("/sign-out", (Func<HttpContext, Task<IResult>>)SignOut).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        signedIn.MapGet("/me", Me).Produces<MeResponse>();
        signedIn.MapPost("/tokens/{tokenId:guid}/revoke", Revoke).Produces(StatusCodes.Status204NoContent).ProducesValidationProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> SignIn([FromForm] SignInForm form, HttpContext context, IAntiforgery antiforgery, LogStore store, TimeProvider clock)
    {
        if (SignIns.Attempt(store, form.Username, form.Password, clock.GetUtcNow()) is not SignInOutcome.Succeeded { Account: var account })
        {
            return SignInPage.Render(context, antiforgery, Reasons.Requests.CredentialsRefused.With().English, StatusCodes.Status401Unauthorized, form.ReturnUrl);
        }

        await context.SignInAsync(AccessSetup.CookieScheme, Caller.Principal(account.Id, "web", AccessSetup.CookieScheme));
        return Results.Redirect(SignInPage.LocalOrHome(form.ReturnUrl), permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> SignOut(HttpContext context)
    {
        await context.SignOutAsync(AccessSetup.CookieScheme);
        return Results.Redirect("/account/sign-in");
    }

    private static IResult IssueToken(TokenRequest request, LogStore store, TimeProvider clock)
    {
        var device = request.Device?.Trim();
        if (device is not { Length: >= 1 and <= 100 })
        {
            return Problems.FromRejections([Reasons.Requests.DeviceRequired.Invalid("device")]);
        }

        var now = clock.GetUtcNow();
        if (SignIns.Attempt(store, request.Username, request.Password, now) is not SignInOutcome.Succeeded { Account: var account })
        {
            return Problems.Unauthorized(Reasons.Requests.CredentialsRefused.Invalid("password"));
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
        return revoked ? Results.NoContent() : Problems.NotFound(Reasons.Requests.TokenNotFound.NotFound("tokenId", ("token", tokenId)));
    }
}

/// <summary>The minimal server-rendered sign-in page: no script, no inline style, one form with its antiforgery token.</summary>
internal static class SignInPage
{
    /// <summary>Where to go after signing in: back to the page that asked, only if it is on this server.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] is not ('/' or '\\') ? url : Web.WebSetup.Root;

    public static IResult Render(HttpContext context, IAntiforgery antiforgery, string? message, int status, string? returnUrl = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var error = message is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(message)}</p>";
        var html = $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Sign in · Lifeline</title><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="{Web.WebSetup.Assets}/app.css"></head>
            <body>
            <main>
            <h1>Sign in to Lifeline</h1>
            {error}
            <form method="post" action="/account/sign-in">
            <input type="hidden" name="{WebUtility.HtmlEncode(tokens.FormFieldName)}" value="{WebUtility.HtmlEncode(tokens.RequestToken)}">
            <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(LocalOrHome(returnUrl))}">
            <p><label for="username">Username</label><br><input id="username" name="username" autocomplete="username" required></p>
            <p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required minlength="{Passwords.MinimumLength}"></p>
            <p><button type="submit">Sign in</button></p>
            </form>
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
