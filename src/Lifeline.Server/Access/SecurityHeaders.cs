namespace Lifeline.Server.Access;

/// <summary>Headers on every response that keep a browser from being turned against the user.</summary>
public static class SecurityHeaders
{
    /// <summary>Everything from this origin only, no inline script or style, no framing, forms post back here only.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <remarks>Set as the response starts, so that error answers (whose headers are cleared first) carry them too.</remarks>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            Add(context.Response.Headers);
            return Task.CompletedTask;
        });
        return next(context);
    });

    private static void Add(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
    }
}
