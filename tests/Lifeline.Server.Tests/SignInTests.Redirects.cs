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

    [Fact]
    public async Task The_servers_address_leads_a_visitor_who_is_not_signed_in_to_the_sign_in_form_and_back_to_the_operations()
    {
        using var browser = Browser();

        var root = await browser.GetAsync("/");
        var app = await browser.GetAsync(root.Headers.Location!.OriginalString);
        var form = await browser.GetAsync(app.Headers.Location!.OriginalString);

        Assert.Equal("/app", root.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, app.StatusCode);
        Assert.Equal("/account/sign-in?returnUrl=%2Fapp", app.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("name=\"returnUrl\" value=\"/app\"", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_opened_while_signed_out_returns_to_itself_with_its_query_after_signing_in()
    {
        using var browser = Browser();
        var path = $"/app/operations/{_operation}/stock?site=all";

        var refused = await browser.GetAsync(path);
        var returnUrl = Uri.UnescapeDataString(refused.Headers.Location!.OriginalString["/account/sign-in?returnUrl=".Length..]);
        var signedIn = await SignInReturningTo(returnUrl);
        var posted = await browser.PostAsync($"/app/operations/{_operation}/stock/receipts", Form(("quantity", "1")));

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(path, returnUrl);
        Assert.Equal(path, signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, posted.StatusCode);
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
