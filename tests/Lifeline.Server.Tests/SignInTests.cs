using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lifeline.Server.Access;
using Lifeline.Storage.Accounts;
using Lifeline.Testing;

namespace Lifeline.Server.Tests;

/// <summary>Sign-in, lockout, tokens, antiforgery, rate limiting, attribution and security headers, over real HTTP.</summary>
public sealed partial class SignInTests : IAsyncLifetime
{
    private const string Password = "river lantern orchard 1977";

    private readonly ManualClock _clock = new(new DateTimeOffset(2016, 7, 28, 6, 0, 0, TimeSpan.Zero));
    private LoopbackHost _host = null!;
    private Guid _operation;

    public async Task InitializeAsync()
    {
        _host = await LoopbackHost.StartAsync(_clock);
        _operation = await _host.CreateOperationAsync();
        Users.Add(_host.Store, "field-lead", Password, administrator: false, _clock.GetUtcNow());
        Users.Grant(_host.Store, "field-lead", new Domain.Primitives.OperationId(_operation), Role.Coordinator, []);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private Task<HttpResponseMessage> RequestToken(string password) =>
        _host.Anonymous.PostAsJsonAsync("/account/token", new { username = "field-lead", password, device = "tablet-7" });

    [Fact]
    public async Task A_password_exchanged_for_a_token_signs_the_device_in()
    {
        var response = await RequestToken(Password);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var token = (await Json(response)).GetProperty("token").GetString()!;
        var me = await Json(await _host.WithToken(token).GetAsync("/account/me"));
        Assert.Equal("field-lead", me.GetProperty("username").GetString());
        Assert.StartsWith("token:", me.GetProperty("device").GetString(), StringComparison.Ordinal);
        Assert.Equal("coordinator", me.GetProperty("grants")[0].GetProperty("role").GetString());
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_until_the_lockout_ends()
    {
        for (var i = 0; i < SignIns.MaxFailures; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await RequestToken("not the password at all")).StatusCode);
        }

        var whileLocked = await RequestToken(Password);
        _clock.Advance(SignIns.LockoutPeriod + TimeSpan.FromSeconds(1));
        var afterLockout = await RequestToken(Password);

        Assert.Equal(HttpStatusCode.Unauthorized, whileLocked.StatusCode);
        Assert.True((await Json(whileLocked)).GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal(HttpStatusCode.Created, afterLockout.StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_on_the_next_request()
    {
        var client = _host.ClientFor(Role.Coordinator, _operation);
        var device = (await Json(await client.GetAsync("/account/me"))).GetProperty("device").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/operations/{_operation}")).StatusCode);

        var revoke = await client.PostAsync($"/account/tokens/{device["token:".Length..]}/revoke", null);
        var next = await client.GetAsync($"/operations/{_operation}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, next.StatusCode);
        Assert.True((await Json(next)).GetProperty("errors").TryGetProperty("authorization", out _));
    }

    [Fact]
    public async Task A_disabled_account_is_refused_on_the_next_request()
    {
        var account = _host.AddUser(Role.Coordinator, _operation);
        var client = _host.WithToken(_host.TokenFor(account.Id));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/operations/{_operation}")).StatusCode);

        _host.Store.WriteAside(session =>
        {
            Accounts.Disable(session, account.Id, _clock.GetUtcNow());
            return 0;
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/operations/{_operation}")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_is_rate_limited_with_429()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= AccessSetup.SignInPermits; i++)
        {
            using var response = await _host.Anonymous.PostAsJsonAsync("/account/token", new { username = "nobody-here", password = "wrong wrong wrong", device = "x" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter is not null);
            }
        }

        Assert.All(statuses.Take(AccessSetup.SignInPermits), status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task The_sign_in_form_without_its_antiforgery_token_is_refused()
    {
        using var browser = Browser();
        var page = await browser.GetAsync("/account/sign-in");
        var cookies = Cookies(page);

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in") { Content = Form(("username", "field-lead"), ("password", Password)) };
        forged.Headers.Add("Cookie", cookies);
        var response = await browser.SendAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(AccessSetup.CookieName + "=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_sign_in_form_sets_a_secure_http_only_strict_cookie_that_signs_the_browser_in()
    {
        using var browser = Browser();
        var page = await browser.GetAsync("/account/sign-in");
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryValue().Match(html).Groups[1].Value;

        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in") { Content = Form((AccessSetup.AntiforgeryField, WebUtility.HtmlDecode(token)), ("username", "field-lead"), ("password", Password)) };
        post.Headers.Add("Cookie", Cookies(page));
        var signedIn = await browser.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(v => v.StartsWith(AccessSetup.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        using var me = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        me.Headers.Add("Cookie", cookie.Split(';')[0]);
        var answer = await browser.SendAsync(me);
        Assert.Equal("web", (await Json(answer)).GetProperty("device").GetString());
    }

    [Fact]
    public async Task The_sign_in_page_and_its_refusal_are_in_Arabic_right_to_left_for_an_Arabic_browser()
    {
        using var browser = Browser();
        using var ask = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in");
        ask.Headers.AcceptLanguage.ParseAdd("ar");
        var page = await browser.SendAsync(ask);
        var html = await page.Content.ReadAsStringAsync();

        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = Form((AccessSetup.AntiforgeryField, Token(html)), ("username", "field-lead"), ("password", "not the password at all")),
        };
        wrong.Headers.Add("Cookie", Cookies(page));
        wrong.Headers.AcceptLanguage.ParseAdd("ar");
        var refused = await browser.SendAsync(wrong);
        var refusal = await refused.Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html, StringComparison.Ordinal);
        Assert.Contains("اسم المستخدم", html, StringComparison.Ordinal);
        Assert.Contains("كلمة المرور", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("data-code=\"access.credentials-refused\">اسم المستخدم أو كلمة المرور خطأ", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", refusal, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_language_chosen_while_signed_in_is_kept_with_the_account_and_follows_it_to_another_browser()
    {
        using var laptop = Browser();
        var laptopCookies = await SignInWithForm(laptop);
        var pages = await Get(laptop, "/app", laptopCookies);
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", await pages.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var choose = new HttpRequestMessage(HttpMethod.Post, "/app/language")
        {
            Content = Form((AccessSetup.AntiforgeryField, Token(await pages.Content.ReadAsStringAsync())), ("code", "ar"), ("back", "/app")),
        };
        choose.Headers.Add("Cookie", laptopCookies);
        var chosen = await laptop.SendAsync(choose);

        // Another browser, with no language cookie and an English Accept-Language: the account's choice wins.
        using var phone = Browser();
        var phoneCookies = await SignInWithForm(phone);
        using var ask = new HttpRequestMessage(HttpMethod.Get, "/app");
        ask.Headers.Add("Cookie", phoneCookies);
        ask.Headers.AcceptLanguage.ParseAdd("en-GB");
        var onPhone = await (await phone.SendAsync(ask)).Content.ReadAsStringAsync();
        var me = await Json(await Get(phone, "/account/me", phoneCookies));
        var askedInEnglish = await (await Get(phone, "/app?lang=en", phoneCookies)).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/app", chosen.Headers.Location?.OriginalString);
        Assert.Equal("ar", _host.Store.Read(session => Accounts.Find(session, "field-lead"))?.Language);
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", onPhone, StringComparison.Ordinal);
        Assert.Equal("ar", me.GetProperty("language").GetString());
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", askedInEnglish, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_without_its_antiforgery_token_changes_nothing()
    {
        using var browser = Browser();
        var cookies = await SignInWithForm(browser);

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/app/language") { Content = Form(("code", "ar"), ("back", "/app")) };
        forged.Headers.Add("Cookie", cookies);
        var response = await browser.SendAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(_host.Store.Read(session => Accounts.Find(session, "field-lead"))?.Language);
    }

    [Fact]
    public async Task The_log_records_the_signed_in_user_even_when_the_body_claims_another()
    {
        var account = _host.AddUser(Role.Coordinator, _operation);
        var client = _host.WithToken(_host.TokenFor(account.Id));

        var response = await client.PostAsJsonAsync($"/operations/{_operation}/sites", new
        {
            name = "Ramouseh crossing",
            kind = "checkpoint",
            location = new { latitude = 36.1642, longitude = 37.1535 },
            actor = $"user:{_host.AdministratorId}",
            device = "someone-elses-phone",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sequence = (await Json(response)).GetProperty("receipt").GetProperty("entries")[0].GetProperty("sequence").GetInt64();
        var log = await Json(await client.GetAsync($"/operations/{_operation}/log?from={sequence}&limit=1"));
        var entry = log.GetProperty("entries")[0];
        Assert.Equal($"user:{account.Id}", entry.GetProperty("actor").GetString());
        Assert.StartsWith("token:", entry.GetProperty("device").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(account.Username, log.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_the_sign_in_page_has_no_inline_script()
    {
        var health = await _host.Anonymous.GetAsync("/health");
        var page = await _host.Anonymous.GetAsync("/account/sign-in");
        var html = await page.Content.ReadAsStringAsync();

        foreach (var response in new[] { health, page })
        {
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Contains("script-src 'self'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_user_lists_only_the_operations_they_belong_to()
    {
        var other = await _host.CreateOperationAsync("Elsewhere");
        var member = _host.ClientFor(Role.PartnerObserver, other);

        var listed = await Json(await member.GetAsync("/operations"));
        var foreign = await member.GetAsync($"/operations/{_operation}/sites");

        Assert.Equal([other], listed.EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
    }

    /// <summary>Signs field-lead in through the form and returns the cookies a browser would now send.</summary>
    private async Task<string> SignInWithForm(HttpClient browser)
    {
        var page = await browser.GetAsync("/account/sign-in");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = Form((AccessSetup.AntiforgeryField, Token(await page.Content.ReadAsStringAsync())), ("username", "field-lead"), ("password", Password)),
        };
        post.Headers.Add("Cookie", Cookies(page));
        var signedIn = await browser.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return Cookies(page) + "; " + Cookies(signedIn);
    }

    private static async Task<HttpResponseMessage> Get(HttpClient browser, string path, string cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookies);
        return await browser.SendAsync(request);
    }

    private static string Token(string html) => WebUtility.HtmlDecode(AntiforgeryValue().Match(html).Groups[1].Value);

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(v => v.Split(';')[0]));

    /// <summary>A client that keeps cookies by hand: HttpClient will not send Secure cookies over plain loopback HTTP, as a browser would to localhost.</summary>
    private HttpClient Browser() => new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = _host.BaseAddress };

    [GeneratedRegex("name=\"__antiforgery\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryValue();
}
