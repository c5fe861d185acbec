using Lifeline.Domain;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Corridors;

/// <summary>
/// The corridor handlers: definitions, status changes, opening windows and pauses, and cancellations, each
/// decided against the corridors and windows of the command's own operation.
/// </summary>
public static class CorridorHandlers
{
    public static CommandHandlers AddCorridors(this CommandHandlers handlers) => handlers
        .On<DefineCorridor>((context, command) => CorridorDecider.Decide(
            command,
            OperationsProjection.Find(context.Session, command.OperationId),
            CorridorsProjection.FindByName(context.Session, command.OperationId, command.Name),
            command.Checkpoints.Select(id => SitesProjection.Find(context.Session, command.OperationId, id)).OfType<Site>().ToDictionary(site => site.Id)))
        .On<ChangeCorridorStatus>((context, command) =>
        {
            context.StreamVersion(command.OperationId, CorridorDecider.Stream(command.CorridorId));
            return CorridorDecider.Decide(command, CorridorsProjection.Find(context.Session, command.OperationId, command.CorridorId));
        })
        .On<ScheduleWindow>(Decide)
        .On<CancelWindow>((context, command) =>
        {
            context.StreamVersion(command.OperationId, WindowDecider.Stream(command.WindowId));
            return WindowDecider.Decide(command, CorridorsProjection.FindWindow(context.Session, command.OperationId, command.WindowId));
        });

    /// <summary>Windows (one corridor's, or a pause's on several), decided against the windows already recorded.</summary>
    private static Decision Decide(WriteContext context, ScheduleWindow command)
    {
        var operation = OperationsProjection.Find(context.Session, command.OperationId);
        if (operation is null)
        {
            return Decision.Reject(Reasons.Setup.OperationNotFound.NotFound("operationId", ("operation", command.OperationId)));
        }

        var corridors = command.CorridorIds.Select(id => CorridorsProjection.Find(context.Session, command.OperationId, id)).OfType<Corridor>().ToDictionary(c => c.Id);
        var windows = corridors.Keys.SelectMany(id => CorridorsProjection.Windows(context.Session, id)).ToList();
        return WindowDecider.Decide(command, operation.TimeZone.Zone, corridors, windows, () => new WindowId(context.NewId()));
    }
}
