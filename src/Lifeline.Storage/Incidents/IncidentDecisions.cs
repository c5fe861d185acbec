using Lifeline.Domain.Deciding;
using Lifeline.Domain.Incidents;
using Lifeline.Storage.Database;
using Lifeline.Storage.Movements;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Stock;

namespace Lifeline.Storage.Incidents;

/// <summary>Reads what the incident decider needs, inside the write transaction.</summary>
public static class IncidentDecisions
{
    public static Decision Decide(SqlSession session, RecordIncident command) => IncidentDecider.Decide(
        command,
        command.MovementId is { } movement ? MovementsProjection.Find(session, command.OperationId, movement) : null,
        command.SiteId is { } site ? SitesProjection.Find(session, command.OperationId, site) : null,
        command.MovementId is { } inTransit ? StockProjection.InTransit(session, inTransit) : []);
}
