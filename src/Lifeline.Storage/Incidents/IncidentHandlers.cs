using Lifeline.Domain.Deciding;
using Lifeline.Domain.Incidents;
using Lifeline.Domain.Movements;
using Lifeline.Storage.Database;
using Lifeline.Storage.Movements;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Stock;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Incidents;

/// <summary>The incident handler: the movement or site it concerns and the cargo in transit, from the command's operation.</summary>
public static class IncidentHandlers
{
    public static CommandHandlers AddIncidents(this CommandHandlers handlers) => handlers
        .On<RecordIncident>((context, command) =>
        {
            if (command is { Kind: IncidentKind.AircraftLost, MovementId: { } lost })
            {
                // The loss is recorded on the sortie's stream too.
                context.StreamVersion(command.OperationId, MovementDecider.Stream(lost));
            }

            return Decide(context.Session, command);
        });

    private static Decision Decide(SqlSession session, RecordIncident command) => IncidentDecider.Decide(
        command,
        command.MovementId is { } movement ? MovementsProjection.Find(session, command.OperationId, movement) : null,
        command.SiteId is { } site ? SitesProjection.Find(session, command.OperationId, site) : null,
        command.MovementId is { } inTransit ? StockProjection.InTransit(session, inTransit) : []);
}
