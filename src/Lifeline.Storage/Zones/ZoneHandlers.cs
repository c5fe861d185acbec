using Lifeline.Domain.Zones;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Zones;

/// <summary>The zone handler: the operation and the zone of the same name in it.</summary>
public static class ZoneHandlers
{
    public static CommandHandlers AddZones(this CommandHandlers handlers) => handlers
        .On<DrawZone>((context, command) => ZoneDecider.Decide(
            command,
            OperationsProjection.Find(context.Session, command.OperationId),
            ZonesProjection.FindByName(context.Session, command.OperationId, command.Name)));
}
