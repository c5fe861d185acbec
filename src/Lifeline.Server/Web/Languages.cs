using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Lifeline.Server.Web;

/// <summary>
/// English and Arabic. A request chooses with <c>?lang=ar</c>; otherwise the language the person chose
/// last (a cookie the language switch sets); otherwise what the browser asks for; otherwise English.
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
            new CustomRequestCultureProvider(context => Task.FromResult(Chosen(context.Request.Cookies[CookieName]))),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
    }

    /// <summary>Remembers a person's choice for a year; <c>en</c> or <c>ar</c>, anything else is ignored.</summary>
    public static IEndpointRouteBuilder MapLanguage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/app/language/{code}", (string code, string? back, HttpContext context) =>
        {
            if (Chosen(code) is not null)
            {
                context.Response.Cookies.Append(CookieName, code, new CookieOptions
                {
                    MaxAge = TimeSpan.FromDays(365),
                    SameSite = SameSiteMode.Strict,
                    HttpOnly = true,
                    Secure = context.Request.IsHttps,
                    Path = "/",
                });
            }

            return Results.LocalRedirect(back is { Length: > 0 } && back.StartsWith('/') && !back.StartsWith("//", StringComparison.Ordinal) ? back : WebSetup.Root);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static ProviderCultureResult? Chosen(string? code) => code switch
    {
        "ar" => new ProviderCultureResult(Arabic.Name),
        "en" => new ProviderCultureResult(English.Name),
        _ => null,
    };
}
