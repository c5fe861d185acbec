using Lifeline.Domain.Corridors;
using Lifeline.Domain.Deciding;
using Lifeline.Storage.Database;
using Lifeline.Storage.Operations;
using NodaTime;

namespace Lifeline.Storage.Corridors;

/// <summary>
/// Reads what the passage decider needs from the projections, inside the write transaction: one place for
/// the API, the demo and imports alike.
/// </summary>
public static class PassageDecisions
{
    public static Decision Decide(SqlSession session, RecordPassage command)
    {
        var zone = OperationsProjection.Find(session, command.OperationId)?.TimeZone.Zone ?? DateTimeZone.Utc;
        return PassageDecider.Decide(
            command,
            CorridorsProjection.Find(session, command.OperationId, command.CorridorId),
            zone,
            CorridorsProjection.StatusChanges(session, command.CorridorId),
            CorridorsProjection.Windows(session, command.CorridorId),
            command.Corrects is { } corrected ? PassagesProjection.Find(session, corrected) : null);
    }
}
