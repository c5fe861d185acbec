using Lifeline.Domain.Commodities;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Incidents;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Operations;
using Lifeline.Domain.Sites;
using Lifeline.Domain.Stock;
using Lifeline.Domain.Zones;

namespace Lifeline.Domain.Deciding;

/// <summary>How an event type is named in the log: a dotted name and a version, e.g. <c>site.registered.v1</c>.</summary>
public sealed record EventType(Type ClrType, string Name, int Version)
{
    public string FullName => $"{Name}.v{Version}";
}

/// <summary>
/// Every event the log may hold, listed by hand: the log's vocabulary is a contract with every party that
/// verifies it, so a new event is added here deliberately, never discovered by scanning.
/// </summary>
public static class EventCatalog
{
    public static readonly IReadOnlyList<EventType> All =
    [
        new(typeof(OperationCreated), "operation.created", 1),
        new(typeof(SiteRegistered), "site.registered", 1),
        new(typeof(SiteStatusChanged), "site.status-changed", 1),
        new(typeof(ZoneDrawn), "zone.drawn", 1),
        new(typeof(CommodityRegistered), "commodity.registered", 1),
        new(typeof(CorridorDefined), "corridor.defined", 1),
        new(typeof(CorridorStatusChanged), "corridor.status-changed", 1),
        new(typeof(WindowScheduled), "window.scheduled", 1),
        new(typeof(WindowCancelled), "window.cancelled", 1),
        new(typeof(PassageRecorded), "passage.recorded", 1),
        new(typeof(StockReceived), "stock.received", 1),
        new(typeof(StockIssued), "stock.issued", 1),
        new(typeof(StockAdjusted), "stock.adjusted", 1),
        new(typeof(LotQuarantined), "stock.lot-quarantined", 1),
        new(typeof(LotReleased), "stock.lot-released", 1),
        new(typeof(DailyNeedSet), "stock.daily-need-set", 1),
        new(typeof(MovementPlanned), "movement.planned", 1),
        new(typeof(MovementStatusChanged), "movement.status-changed", 1),
        new(typeof(ManifestRecorded), "manifest.recorded", 1),
        new(typeof(MovementDeparted), "movement.departed", 1),
        new(typeof(ManifestCorrected), "manifest.corrected", 1),
        new(typeof(InspectionRecorded), "manifest.inspected", 1),
        new(typeof(DeliveryRecorded), "movement.delivered", 1),
        new(typeof(IncidentRecorded), "incident.recorded", 1),
        new(typeof(MovementLost), "movement.lost", 1),
    ];

    private static readonly Dictionary<Type, EventType> ByClrType = All.ToDictionary(t => t.ClrType);
    private static readonly Dictionary<string, EventType> ByFullName = All.ToDictionary(t => t.FullName, StringComparer.Ordinal);

    public static EventType Of(IDomainEvent domainEvent) =>
        ByClrType.TryGetValue(domainEvent.GetType(), out var type)
            ? type
            : throw new InvalidOperationException($"{domainEvent.GetType().Name} is not listed in the event catalogue");

    public static EventType? Find(string fullName) => ByFullName.GetValueOrDefault(fullName);
}
