using System.Text.Encodings.Web;
using Lifeline.Storage.Accounts;
using Lifeline.Storage.Writing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Lifeline.Server.Access;

/// <summary>
/// API tokens (<c>Authorization: Bearer lifeline_…</c>) for field devices and scripts. Each request looks
/// the token's hash up, so a revoked token or a disabled account is refused on the very next request.
/// </summary>
public sealed class TokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, LogStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var secret = header["Bearer ".Length..].Trim();
        // One read for the token, its account and the account's grants: every API request passes here.
        var found = store.Read(session =>
        {
            var live = Accounts.FindLiveToken(session, secret);
            if (live is var (token, account))
            {
                Caller.Remember(Context, session, account, $"token:{token.Id}");
            }

            return live;
        });
        return Task.FromResult(found is var (token, account)
            ? AuthenticateResult.Success(new AuthenticationTicket(Caller.Principal(account.Id, $"token:{token.Id}", SchemeName), SchemeName))
            : AuthenticateResult.Fail("the token is unknown or revoked"));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
