using Lifeline.Domain.Commodities;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Stock;
using Lifeline.Storage.Commodities;
using Lifeline.Storage.Corridors;
using Lifeline.Storage.Database;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Stock;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Movements;

/// <summary>The handlers of movements, manifests and deliveries: what their deciders need, read from the command's operation.</summary>
public static class MovementHandlers
{
    public static CommandHandlers AddMovements(this CommandHandlers handlers) => handlers
        .On<PlanMovement>((context, command) => Decide(context.Session, command))
        .On<ChangeMovementStatus>((context, command) => Decide(Expecting(context, command.OperationId, command.MovementId), command))
        .On<RecordManifest>((context, command) => Decide(context.Session, command))
        .On<DepartMovement>((context, command) => Decide(Expecting(context, command.OperationId, command.MovementId), command))
        .On<CorrectManifest>((context, command) => Decide(context.Session, command))
        .On<RecordInspection>((context, command) => Decide(context.Session, command))
        .On<RecordDelivery>((context, command) => Decide(Expecting(context, command.OperationId, command.MovementId), command));

    private static Decision Decide(SqlSession session, PlanMovement command) => MovementDecider.Decide(
        command,
        SitesProjection.Find(session, command.OperationId, command.Origin),
        SitesProjection.Find(session, command.OperationId, command.Destination),
        command.CorridorId is { } corridor ? CorridorsProjection.Find(session, command.OperationId, corridor) : null);

    private static Decision Decide(SqlSession session, ChangeMovementStatus command) =>
        MovementDecider.Decide(command, MovementsProjection.Find(session, command.OperationId, command.MovementId));

    private static Decision Decide(SqlSession session, RecordManifest command)
    {
        var movement = MovementsProjection.Find(session, command.OperationId, command.MovementId);
        if (movement is null)
        {
            return ManifestDecider.Decide(command, null, null, null, new Dictionary<CommodityId, Commodity>(), new Dictionary<(CommodityId, string), LotBalance>(), default);
        }

        var current = ManifestsProjection.Current(session, movement.Id).FirstOrDefault(m => string.Equals(m.VehicleId, command.VehicleId, StringComparison.Ordinal));
        return ManifestDecider.Decide(
            command,
            movement,
            SitesProjection.Find(session, command.OperationId, movement.Origin),
            current,
            Commodities(session, command.OperationId, command.Lines),
            Lots(session, movement.Origin, command.Lines),
            OperationsProjection.LocalDate(session, command.OperationId.Value, movement.PlannedDeparture));
    }

    private static Decision Decide(SqlSession session, DepartMovement command)
    {
        var movement = MovementsProjection.Find(session, command.OperationId, command.MovementId);
        var manifests = movement is null ? [] : ManifestsProjection.Current(session, movement.Id);
        var lines = manifests.SelectMany(m => m.Lines).ToList();
        return MovementDecider.Decide(
            command,
            movement,
            movement is null ? null : SitesProjection.Find(session, command.OperationId, movement.Origin),
            manifests,
            Commodities(session, command.OperationId, lines),
            movement is null ? new Dictionary<(CommodityId, string), LotBalance>() : Lots(session, movement.Origin, lines),
            OperationsProjection.LocalDate(session, command.OperationId.Value, command.At));
    }

    private static Decision Decide(SqlSession session, CorrectManifest command) => ManifestDecider.Decide(
        command,
        ManifestsProjection.Find(session, command.OperationId, command.Corrects)?.Manifest,
        Commodities(session, command.OperationId, command.Lines));

    private static Decision Decide(SqlSession session, RecordInspection command) => ManifestDecider.Decide(
        command,
        ManifestsProjection.Find(session, command.OperationId, command.ManifestId)?.Manifest,
        Commodities(session, command.OperationId, command.Differences.OfType<InspectionDifference.NotOnManifest>().Select(d => d.CommodityId)));

    private static Decision Decide(SqlSession session, RecordDelivery command) => DeliveryDecider.Decide(
        command,
        MovementsProjection.Find(session, command.OperationId, command.MovementId),
        StockProjection.InTransit(session, command.MovementId));

    /// <summary>Reads the version of the movement's stream, which the decision's append to it then expects, before the movement itself.</summary>
    private static SqlSession Expecting(WriteContext context, OperationId operation, MovementId movement)
    {
        context.StreamVersion(operation, MovementDecider.Stream(movement));
        return context.Session;
    }

    private static Dictionary<CommodityId, Commodity> Commodities(SqlSession session, OperationId operation, IEnumerable<ManifestLine> lines) =>
        Commodities(session, operation, lines.Select(l => new CommodityId(l.CommodityId)));

    private static Dictionary<CommodityId, Commodity> Commodities(SqlSession session, OperationId operation, IEnumerable<CommodityId> ids) =>
        ids.Distinct()
            .Select(id => CommoditiesProjection.Find(session, operation, id))
            .OfType<Commodity>()
            .ToDictionary(c => c.Id);

    private static Dictionary<(CommodityId, string), LotBalance> Lots(SqlSession session, SiteId site, IEnumerable<ManifestLine> lines) =>
        lines.Select(l => (new CommodityId(l.CommodityId), l.Lot)).Distinct()
            .Select(key => StockProjection.Lot(session, site, key.Item1, key.Lot))
            .OfType<LotBalance>()
            .ToDictionary(l => (l.CommodityId, l.Lot));
}
