using Lifeline.Storage.Writing;

namespace Lifeline.Server.Health;

public sealed record HealthResponse(string Status, string Version);

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // Answering means the database answered too: a server that cannot read its store is not healthy.
        app.MapGet("/health", (LogStore store) =>
        {
            store.Read(session => session.Scalar<long>("SELECT 1"));
            return new HealthResponse("healthy", LifelineHost.Version);
        }).WithTags("Health").AllowAnonymous();
        return app;
    }
}
