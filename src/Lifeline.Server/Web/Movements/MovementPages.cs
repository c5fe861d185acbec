using Lifeline.Domain.Primitives;
using Lifeline.Server.Access;
using Lifeline.Server.Movements;
using Lifeline.Server.Web.Reports;
using Lifeline.Server.Web.Shared;
using Lifeline.Storage.Commodities;
using Lifeline.Storage.Incidents;
using Lifeline.Storage.Movements;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Web.Movements;

/// <summary>Names the detail page shows in place of ids: sites and commodities.</summary>
public sealed record MovementNamesView(IReadOnlyDictionary<Guid, string> Sites, IReadOnlyDictionary<Guid, string> Commodities)
{
    public string Site(Guid? id) => id is { } known && Sites.TryGetValue(known, out var name) ? name : id?.ToString() ?? string.Empty;

    public string Commodity(Guid id) => Commodities.TryGetValue(id, out var code) ? code : id.ToString();
}

/// <summary>Movements (convoys and sorties) and one movement's lifecycle, manifests, inspections and proof of delivery; incidents.</summary>
public static class MovementPages
{
    public static IEndpointRouteBuilder MapMovementPages(this IEndpointRouteBuilder app)
    {
        var reads = app.OperationPages(Policies.ReadOperation);
        reads.MapGet("/movements", (Guid operationId, HttpContext context, LogStore store) =>
        {
            var web = WebContext.For(context, operationId);
            var rows = store.Read(session => LogisticsFigures.Rows(session, web.Operation!, MovementsProjection.List(session, web.Operation!.Id).OrderBy(m => m.PlannedDeparture)));
            return Pages.Render<MovementsPage>(new { Web = web, Movements = rows });
        });
        reads.MapGet("/movements/{movementId:guid}", (Guid operationId, Guid movementId, HttpContext context, LogStore store) =>
        {
            var web = WebContext.For(context, operationId);
            var (detail, names) = store.Read(session => (MovementEndpoints.Detail(session, web.Operation!.Id, new MovementId(movementId)), Names(session, web)));
            return detail is null
                ? Pages.Render<NotFound>(new { Web = web }, StatusCodes.Status404NotFound)
                : Pages.Render<MovementPage>(new { Web = web, Detail = detail, Names = names });
        });
        reads.MapGet("/incidents", (Guid operationId, HttpContext context, LogStore store) =>
        {
            var web = WebContext.For(context, operationId);
            var (incidents, names) = store.Read(session => (IncidentsProjection.List(session, web.Operation!.Id), Names(session, web)));
            return Pages.Render<IncidentsPage>(new { Web = web, Incidents = incidents, Names = names });
        });
        return app;
    }

    private static MovementNamesView Names(Lifeline.Storage.Database.SqlSession session, WebContext web) => new(
        SitesProjection.List(session, web.Operation!.Id).ToDictionary(s => s.Id.Value, s => s.Name),
        CommoditiesProjection.List(session, web.Operation.Id).ToDictionary(c => c.Id.Value, c => c.Code));
}
