using Lifeline.Domain.Corridors;
using Lifeline.Domain.Deciding;
using Lifeline.Storage.Database;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Writing;
using NodaTime;

namespace Lifeline.Storage.Corridors;

/// <summary>
/// The passage handler: the corridor, its status history and windows and any passage corrected, read from the
/// command's operation inside the write transaction, for the API, the forms, imports and the demo alike.
/// </summary>
public static class PassageHandlers
{
    public static CommandHandlers AddPassages(this CommandHandlers handlers) => handlers
        .On<RecordPassage>((context, command) => Decide(context.Session, command));

    private static Decision Decide(SqlSession session, RecordPassage command)
    {
        var zone = OperationsProjection.Find(session, command.OperationId)?.TimeZone.Zone ?? DateTimeZone.Utc;
        var corridor = CorridorsProjection.Find(session, command.OperationId, command.CorridorId);
        return PassageDecider.Decide(
            command,
            corridor,
            zone,
            corridor is null ? [] : CorridorsProjection.StatusChanges(session, corridor.Id),
            corridor is null ? [] : CorridorsProjection.Windows(session, corridor.Id),
            command.Corrects is { } corrected ? PassagesProjection.Find(session, command.OperationId, corrected) : null);
    }
}
