using System.Net;
using Lifeline.Server.Access;

namespace Lifeline.Server.Tests;

/// <summary>Signing out ends the session on the server, not only in the browser that asked.</summary>
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
