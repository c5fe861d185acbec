using System.Text.Encodings.Web;
using System.Text.Unicode;
using Lifeline.Server.Web.Corridors;
using Lifeline.Server.Web.Dashboard;
using Lifeline.Server.Web.Map;
using Lifeline.Server.Web.Movements;
using Lifeline.Server.Web.Operations;
using Lifeline.Server.Web.Passages;
using Lifeline.Server.Web.Reports;
using Lifeline.Server.Web.Setup;
using Lifeline.Server.Web.Stock;
using Lifeline.Server.Web.Trail;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.WebEncoders;

namespace Lifeline.Server.Web;

/// <summary>The web application: server-rendered pages, their static assets and their languages.</summary>
public static class WebSetup
{
    /// <summary>Where the pages live; the API keeps its own paths.</summary>
    public const string Root = "/app";

    /// <summary>Where the static assets (CSS, the page scripts, Leaflet) are served from.</summary>
    public const string Assets = "/assets";

    public static IServiceCollection AddLifelineWeb(this IServiceCollection services)
    {
        services.AddRazorComponents();

        // Arabic (and any other script) is written as itself, not as numeric character references: an Arabic
        // page is then a third of the size on a poor link. Markup characters are still encoded.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(Languages.Configure);
        return services;
    }

    /// <summary>
    /// Static assets come before access control: they are the same for everyone and the sign-in page needs
    /// them. They are embedded in the assembly, so the server needs no web root and nothing from the internet.
    /// </summary>
    public static IApplicationBuilder UseLifelineWeb(this IApplicationBuilder app) => app
        .UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(WebSetup).Assembly, "Lifeline.Server.wwwroot"),
            RequestPath = Assets,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });

    public static IEndpointRouteBuilder MapLifelineWeb(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect(Root)).AllowAnonymous().ExcludeFromDescription();
        app.MapLanguage();
        app.MapOperationPages();
        app.MapDashboard();
        app.MapMapPages();
        app.MapSetupPages();
        app.MapCorridorPages();
        app.MapPassagePages();
        app.MapLogPages();
        app.MapStockPages();
        app.MapSitrepPages();
        app.MapMovementPages();
        return app;
    }
}
