using Lifeline.Log.Chain;
using Lifeline.Log.Signing;
using Lifeline.Server.Access;
using Lifeline.Server.Web.Shared;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Web.Trail;

/// <summary>The latest entries of the log and what a partner needs to verify it themselves.</summary>
public sealed record LogView(IReadOnlyList<LogEntry> Entries, Checkpoint? Checkpoint, string PublicKey, string KeyId, long From, long Head);

public static class LogPages
{
    private const int PageSize = 50;

    public static IEndpointRouteBuilder MapLogPages(this IEndpointRouteBuilder app)
    {
        app.OperationPages(Policies.ReadLog).MapGet("/log", (Guid operationId, long? from, HttpContext context, LogStore store) =>
        {
            var view = store.Read(session =>
            {
                var head = LogReader.Head(session, operationId).Sequence;
                var start = Math.Max(1, from ?? head - PageSize + 1);
                return new LogView(LogReader.Entries(session, operationId, start, PageSize).Reverse().ToList(), LogReader.LatestCheckpoint(session, operationId), store.PublicKey.Base64, store.PublicKey.KeyId, start, head);
            });
            return Pages.Render<LogPage>(new { Web = WebContext.For(context, operationId), View = view });
        });
        return app;
    }
}
