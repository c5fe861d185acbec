using System.Net;
using Lifeline.Server.Access;

namespace Lifeline.Server.Tests;

/// <summary>Where a browser goes after signing in or switching language: only back to a path on this server.</summary>
public sealed partial class SignInTests
{
    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/\r\n/evil.example")]
    [InlineData("/app\r\nSet-Cookie: planted=1")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("/app\\..\\\\evil.example")]
    [InlineData(" //evil.example")]
    [InlineData("/\u200b/evil.example")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("https://evil.example/app")]
    [InlineData("javascript:alert(1)")]
    [InlineData("")]
    public async Task A_return_address_that_could_leave_the_site_sends_the_browser_to_the_landing_page(string returnUrl)
    {
        var signedIn = await SignInReturningTo(returnUrl);

        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync());
        Assert.Equal("/app", signedIn.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/app/operations")]
    [InlineData("/app/operations/3f2c?tab=stock&lang=ar")]
    [InlineData("/account/sign-in?returnUrl=%2Fapp")]
    public async Task A_return_address_on_this_server_is_honoured(string returnUrl)
    {
        var signedIn = await SignInReturningTo(returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(returnUrl, signedIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_language_switch_sends_a_hostile_back_address_to_the_landing_page_not_to_an_error()
    {
        using var browser = Browser();
        var page = await browser.GetAsync("/account/sign-in");
        using var choose = new HttpRequestMessage(HttpMethod.Post, "/app/language")
        {
            Content = Form((AccessSetup.AntiforgeryField, Token(await page.Content.ReadAsStringAsync())), ("code", "ar"), ("back", "/\t/evil.example\n")),
        };
        choose.Headers.Add("Cookie", Cookies(page));

        var chosen = await browser.SendAsync(choose);

        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/app", chosen.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_sign_in_page_never_carries_a_hostile_return_address_into_its_form()
    {
        var page = await _host.Anonymous.GetAsync("/account/sign-in?returnUrl=" + Uri.EscapeDataString("/\t/evil.example"));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("name=\"returnUrl\" value=\"/app\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SignInReturningTo(string returnUrl)
    {
        using var browser = Browser();
        var page = await browser.GetAsync("/account/sign-in");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = Form((AccessSetup.AntiforgeryField, Token(await page.Content.ReadAsStringAsync())), ("username", "field-lead"), ("password", Password), ("returnUrl", returnUrl)),
        };
        post.Headers.Add("Cookie", Cookies(page));
        return await browser.SendAsync(post);
    }
}
