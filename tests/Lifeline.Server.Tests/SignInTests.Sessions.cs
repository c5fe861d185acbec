using System.Net;
using Lifeline.Server.Access;
using Lifeline.Storage.Accounts;

namespace Lifeline.Server.Tests;

/// <summary>Signing out, or a new password, ends sessions on the server, not only in the browser that asked; an idle session expires there too.</summary>
public sealed partial class SignInTests
{
    [Fact]
    public async Task A_cookie_saved_before_signing_out_is_refused_afterwards()
    {
        using var browser = Browser();
        var saved = await SignInWithForm(browser);
        Assert.Equal(HttpStatusCode.OK, (await Get(browser, "/account/me", saved)).StatusCode);

        var signedOut = await SignOut(browser, saved);
        var replayed = await Get(browser, "/account/me", saved);
        var page = await Get(browser, "/app", saved);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/sign-in?returnUrl=%2Fapp", page.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Signing_out_in_one_browser_leaves_the_same_user_signed_in_in_another()
    {
        using var laptop = Browser();
        using var phone = Browser();
        var onLaptop = await SignInWithForm(laptop);
        var onPhone = await SignInWithForm(phone);

        await SignOut(laptop, onLaptop);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(laptop, "/account/me", onLaptop)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get(phone, "/account/me", onPhone)).StatusCode);
    }

    [Fact]
    public async Task A_new_password_ends_the_users_browser_sessions_everywhere()
    {
        using var laptop = Browser();
        using var phone = Browser();
        var onLaptop = await SignInWithForm(laptop);
        var onPhone = await SignInWithForm(phone);
        Assert.Equal(HttpStatusCode.OK, (await Get(laptop, "/account/me", onLaptop)).StatusCode);

        var reset = Users.SetPassword(_host.Store, "field-lead", Password, _clock.GetUtcNow());

        Assert.Empty(reset.Rejections);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(laptop, "/account/me", onLaptop)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(phone, "/account/me", onPhone)).StatusCode);
    }

    [Fact]
    public async Task A_browser_in_use_stays_signed_in_past_the_lifetime_and_an_idle_one_does_not()
    {
        using var busy = Browser();
        using var idle = Browser();
        var busyCookies = await SignInWithForm(busy);
        var idleCookies = await SignInWithForm(idle);

        _clock.Advance(Accounts.SessionLifetime * 0.75);
        var slid = await Get(busy, "/account/me", busyCookies);
        var renewed = string.Join("; ", busyCookies.Split("; ").Where(c => !c.StartsWith(AccessSetup.CookieName + "=", StringComparison.Ordinal)).Append(Cookies(slid)));
        _clock.Advance(Accounts.SessionLifetime * 0.5);

        Assert.Equal(HttpStatusCode.OK, slid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get(busy, "/account/me", renewed)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(idle, "/account/me", idleCookies)).StatusCode);
    }

    /// <summary>Posts the sign-out form of a signed-in page, with its antiforgery token, as the browser would.</summary>
    private static async Task<HttpResponseMessage> SignOut(HttpClient browser, string cookies)
    {
        var page = await Get(browser, "/app", cookies);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-out")
        {
            Content = Form((AccessSetup.AntiforgeryField, Token(await page.Content.ReadAsStringAsync()))),
        };
        post.Headers.Add("Cookie", cookies);
        return await browser.SendAsync(post);
    }
}
