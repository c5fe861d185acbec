using System.Globalization;
using Lifeline.Server.Access;
using Lifeline.Storage.Accounts;
using Lifeline.Storage.Writing;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Lifeline.Server.Web;

/// <summary>
/// English and Arabic. A request chooses with <c>?lang=ar</c>; otherwise the language the signed-in person
/// chose (kept with their account, so it follows them to any device); otherwise the language chosen last in
/// this browser (a cookie, for the sign-in page); otherwise what the browser asks for; otherwise English.
/// </summary>
public static class Languages
{
    public const string CookieName = "lifeline-lang";
    public const string QueryKey = "lang";

    /// <summary>
    /// Arabic formats dates and numbers as in Syria: Gregorian calendar and Levantine month names, not
    /// the Hijri calendar that plain <c>ar</c> would pick.
    /// </summary>
    public static readonly CultureInfo Arabic = CultureInfo.GetCultureInfo("ar-SY");

    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static bool IsRightToLeft => CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft;

    /// <summary>The short code of the current language: <c>en</c> or <c>ar</c>.</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public static void Configure(RequestLocalizationOptions options)
    {
        options.DefaultRequestCulture = new RequestCulture(English);
        options.SupportedCultures = [English, Arabic];
        options.SupportedUICultures = [English, Arabic];
        options.RequestCultureProviders =
        [
            new CustomRequestCultureProvider(context => Task.FromResult(Chosen(context.Request.Query[QueryKey].ToString()))),
            new CustomRequestCultureProvider(context => Task.FromResult(Chosen(Caller.Of(context)?.Account.Language))),
            new CustomRequestCultureProvider(context => Task.FromResult(Chosen(context.Request.Cookies[CookieName]))),
            new CustomRequestCultureProvider(context => Task.FromResult(AskedByBrowser(context.Request.GetTypedHeaders().AcceptLanguage))),
        ];
    }

    /// <summary>
    /// The language switch: a form (with its antiforgery token) on every page and on the sign-in page. It
    /// remembers the choice in this browser for a year and, for a signed-in person, with their account.
    /// Anything but <c>en</c> or <c>ar</c> is ignored.
    /// </summary>
    public static IEndpointRouteBuilder MapLanguage(this IEndpointRouteBuilder app)
    {
        app.MapPost($"{WebSetup.Root}/language", ([FromForm] string? code, [FromForm] string? back, HttpContext context, LogStore store) =>
        {
            if (code is not null && Chosen(code) is not null)
            {
                context.Response.Cookies.Append(CookieName, code, new CookieOptions
                {
                    MaxAge = TimeSpan.FromDays(365),
                    SameSite = SameSiteMode.Strict,
                    HttpOnly = true,
                    Secure = context.Request.IsHttps,
                    Path = "/",
                });
                if (Caller.Of(context) is { } caller && caller.Account.Language != code)
                {
                    store.WriteAside(session =>
                    {
                        Accounts.SetLanguage(session, caller.Account.Id, code);
                        return 0;
                    });
                }
            }

            return Results.LocalRedirect(SignInPage.LocalOrHome(back));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The first of the browser's languages, by preference, that Lifeline speaks. Any Arabic (<c>ar</c>,
    /// <c>ar-EG</c>, <c>ar-SY</c> …) gets Lifeline's Arabic and any English its English; ASP.NET's own provider
    /// would match <c>ar-SY</c> only.
    /// </summary>
    private static ProviderCultureResult? AskedByBrowser(IList<Microsoft.Net.Http.Headers.StringWithQualityHeaderValue> asked) => asked
        .Where(language => language.Quality is not <= 0)
        .OrderByDescending(language => language.Quality ?? 1)
        .Select(language => Chosen(language.Value.Value?.Split('-')[0].ToLowerInvariant()))
        .FirstOrDefault(chosen => chosen is not null);

    private static ProviderCultureResult? Chosen(string? code) => code switch
    {
        "ar" => new ProviderCultureResult(Arabic.Name),
        "en" => new ProviderCultureResult(English.Name),
        _ => null,
    };
}
