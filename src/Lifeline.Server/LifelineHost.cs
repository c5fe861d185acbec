using System.Reflection;
using Lifeline.Server.Access;
using Lifeline.Server.Commodities;
using Lifeline.Server.Corridors;
using Lifeline.Server.Exports;
using Lifeline.Server.Health;
using Lifeline.Server.Http;
using Lifeline.Server.Incidents;
using Lifeline.Server.Movements;
using Lifeline.Server.Operations;
using Lifeline.Server.Reports;
using Lifeline.Server.Sites;
using Lifeline.Server.Stock;
using Lifeline.Server.Trail;
using Lifeline.Server.Web;
using Lifeline.Server.Zones;
using Lifeline.Storage.Writing;

namespace Lifeline.Server;

/// <summary>The composition root of the HTTP host: what it serves, in one readable place.</summary>
public static class LifelineHost
{
    public static string Version { get; } =
        typeof(LifelineHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Builds the web application over an open store; the caller starts and stops it.</summary>
    /// <param name="store">The store it serves.</param>
    /// <param name="clock">The one clock.</param>
    /// <param name="urls">Where it listens.</param>
    /// <param name="dataDirectory">The data directory, where the keys that protect session cookies are kept.</param>
    /// <param name="args">Command-line configuration for ASP.NET Core.</param>
    public static WebApplication Build(LogStore store, TimeProvider clock, string urls, string dataDirectory, string[]? args = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args ?? [], ApplicationName = "Lifeline" });
        builder.WebHost.UseUrls(urls);

        // Request-level logs would be noise in the field and could echo what people typed; warnings and errors are kept.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(clock);
        builder.Services.AddLifelineApi();
        builder.Services.AddLifelineAccess(Path.Combine(dataDirectory, "data-protection"));
        builder.Services.AddLifelineWeb();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseSecurityHeaders();
        app.UseLifelineWeb();
        app.UseLifelineAccess();
        app.MapOpenApi().AllowAnonymous();
        app.MapLifelineApi();
        app.MapLifelineWeb();
        return app;
    }

    public static IServiceCollection AddLifelineApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<UnreadableRequests>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options => Json.Configure(options.SerializerOptions));
        services.AddOpenApi();
        return services;
    }

    public static IEndpointRouteBuilder MapLifelineApi(this IEndpointRouteBuilder app)
    {
        app.Bounded()
            .MapHealth()
            .MapAccount()
            .MapOperations()
            .MapSites()
            .MapZones()
            .MapCommodities()
            .MapCorridors()
            .MapPassages()
            .MapStock()
            .MapMovements()
            .MapIncidents()
            .MapSitrep()
            .MapExports()
            .MapTrail();
        return app;
    }
}
