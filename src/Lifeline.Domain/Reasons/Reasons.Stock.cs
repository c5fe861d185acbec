using Lifeline.Domain.Primitives;

namespace Lifeline.Domain;

public static partial class Reasons
{
    /// <summary>Stock: receipts, issues, adjustments, quarantine, and what may leave a site.</summary>
    public static class Stock
    {
        public static readonly Reason ChangeRequired = new("stock.change-required", "change is required and not 0: negative takes stock out, positive (count corrections only) puts it in");
        public static readonly Reason ChangeMustBeNegative = new("stock.change-must-be-negative", "{reason} takes stock out: change must be negative, got {value}");
        public static readonly Reason SiteClosed = new("stock.site-closed", "site '{site}' is closed and receives no stock");
        public static readonly Reason LotRequired = new("stock.lot-required", "{commodity} is lot-tracked: the lot number is required");
        public static readonly Reason ExpiryRequired = new("stock.expiry-required", "{commodity} is lot-tracked: the expiry date is required");
        public static readonly Reason ExpiryDiffers = new("stock.expiry-differs", "{lot} of {commodity} at '{site}' expires on {expiry}, not {given}");
        public static readonly Reason NoLotToAdjust = new("stock.no-lot-to-adjust", "there is no {lot} of {commodity} at '{site}' to adjust");
        public static readonly Reason AdjustmentWouldGoNegative = new("stock.adjustment-would-go-negative", "stock of {lot} of {commodity} at '{site}' would go negative: {onHand} on hand, change {change:0.###}");
        public static readonly Reason LotNotFound = new("stock.lot-not-found", "there is no {lot} of {commodity} at '{site}'");
        public static readonly Reason AlreadyQuarantined = new("stock.already-quarantined", "{lot} of {commodity} at '{site}' is already quarantined");
        public static readonly Reason AlreadyReleased = new("stock.already-released", "{lot} of {commodity} at '{site}' is already released");
        public static readonly Reason NoneOnHand = new("stock.none-on-hand", "stock of {what} would go negative: none on hand, {wanted} wanted");
        public static readonly Reason LotQuarantined = new("stock.lot-quarantined", "{what} is quarantined ({reason}) and may not be dispatched or issued");
        public static readonly Reason LotExpired = new("stock.lot-expired", "{what} expired on {expiry} and may not be dispatched or issued");
        public static readonly Reason OnHandTooLarge = new("stock.on-hand-too-large", "{field} would bring {lot} of {commodity} at '{site}' past {max:#,0.###} on hand, the most Lifeline can count: {onHand:#,0.###} on hand");
        public static readonly Reason WouldGoNegative = new("stock.would-go-negative", "stock of {what} would go negative: {onHand} on hand, {wanted} wanted");
        public static readonly Reason SiteNotFound = new("stock.site-not-found", "the site does not exist in this operation");
        public static readonly Reason CommodityNotFound = new("stock.commodity-not-found", "the commodity does not exist in this operation");
    }

    /// <summary>Convoys and sorties: planning, status, departure.</summary>
    public static class Movements
    {
        public static readonly Reason DestinationIsOrigin = new("movement.destination-is-origin", "the destination is the origin");
        public static readonly Reason CrewRange = new("movement.crew-range", "crew is the number of people aboard, 1 to 200, got {value}");
        public static readonly Reason ConvoyNoAircraft = new("movement.convoy-no-aircraft", "a road convoy has trucks, not an aircraft or a derating");
        public static readonly Reason ConvoyNeedsTrucks = new("movement.convoy-needs-trucks", "a road convoy has one or more trucks");
        public static readonly Reason TruckTwice = new("movement.truck-twice", "truck '{plate}' is listed twice");
        public static readonly Reason SortieNoTrucks = new("movement.sortie-no-trucks", "an airlift sortie has one aircraft, not trucks");
        public static readonly Reason SortieNeedsAircraft = new("movement.sortie-needs-aircraft", "an airlift sortie names its aircraft: type, tail number and maximum payload");
        public static readonly Reason AircraftVolumeNotPositive = new("movement.aircraft-volume-not-positive", "aircraft.volumeM3 must be greater than 0 m3, got {value}");
        public static readonly Reason DeratingRange = new("movement.derating-range", "{field} is a share of the maximum payload, from 0 up to (not including) 100 percent, got {value}");
        public static readonly Reason AbortNeedsReason = new("movement.abort-needs-reason", "an aborted movement needs the reason it was aborted");
        public static readonly Reason SiteClosed = new("movement.site-closed", "site '{site}' is closed");
        public static readonly Reason CorridorNotFound = new("movement.corridor-not-found", "corridor {corridor} does not exist in this operation");
        public static readonly Reason NotFound = new("movement.not-found", "movement {movement} does not exist in this operation");
        public static readonly Reason StatusFinal = new("movement.status-final", "movement {movement} is {status}, which is final");
        public static readonly Reason StatusTransition = new("movement.status-transition", "movement {movement} is {status} and cannot become {to}; it can become {allowed}");
        public static readonly Reason NoManifest = new("movement.no-manifest", "movement {movement} has no manifest: record what each vehicle carries before it departs");
    }

    /// <summary>Manifests, their corrections and inspections.</summary>
    public static class Manifests
    {
        public static readonly Reason NoLines = new("manifest.no-lines", "a manifest has at least one line");
        public static readonly Reason TooManyLines = new("manifest.too-many-lines", "a manifest has at most {max} lines, got {count}");
        public static readonly Reason MovementAborted = new("manifest.movement-aborted", "movement {movement} was aborted");
        public static readonly Reason Sealed = new("manifest.sealed", "movement {movement} has {status}: its manifests are sealed and cannot change; record a correction that references the sealed manifest");
        public static readonly Reason VehicleNotOnMovement = new("manifest.vehicle-not-on-movement", "vehicle '{vehicle}' is not on movement {movement}; it has {vehicles}");
        public static readonly Reason Overweight = new("manifest.overweight", "the manifest weighs {mass}, {over} over the {limit} of {payload} of vehicle '{vehicle}'");
        public static readonly Reason Payload = new("phrase.payload", "payload");
        public static readonly Reason DeratedPayload = new("phrase.derated-payload", "derated payload");
        public static readonly Reason OverVolume = new("manifest.over-volume", "the manifest fills {volume:0.###} m3, {over:0.###} m3 over the {capacity:0.###} m3 of vehicle '{vehicle}'");
        public static readonly Reason TooHeavy = new("manifest.too-heavy", "the manifest weighs {mass}, more than the {max} any vehicle carries");
        public static readonly Reason TooBulky = new("manifest.too-bulky", "the manifest fills {volume:#,0.###} m3, more than the {max:#,0} m3 any vehicle holds");
        public static readonly Reason NotFound = new("manifest.not-found", "manifest {manifest} does not exist in this operation");
        public static readonly Reason CorrectedNotSealed = new("manifest.corrected-not-sealed", "manifest {manifest} is not sealed: until its movement departs, record a new manifest for the vehicle instead");
        public static readonly Reason CommodityNotFound = new("commodity.not-found", "commodity {commodity} does not exist in this operation");
        public static readonly Reason LineLotRequired = new("manifest.line-lot-required", "{commodity} is lot-tracked: each line names its lot");
        public static readonly Reason InspectionMatchingListsDifferences = new("inspection.matching-lists-differences", "an inspection that found the cargo matching lists no differences");
        public static readonly Reason InspectionDiffersNeedsLines = new("inspection.differs-needs-lines", "an inspection that found the cargo different lists the differing lines");
        public static readonly Reason InspectionLineOrCommodity = new("inspection.line-or-commodity", "name the manifest line, or the commodity found that is not on the manifest");
        public static readonly Reason InspectionFoundNegative = new("inspection.found-negative", "found is the quantity the inspector counted, 0 or more");
        public static readonly Reason InspectionNotSealed = new("inspection.manifest-not-sealed", "manifest {manifest} is not sealed yet: an inspection is recorded against the manifest sealed on departure");
        public static readonly Reason InspectionNoSuchLine = new("inspection.no-such-line", "manifest {manifest} has lines 1 to {count}, not {line}");
    }

    /// <summary>Proofs of delivery.</summary>
    public static class Deliveries
    {
        public static readonly Reason LinesRequired = new("delivery.lines-required", "a proof of delivery states what was received of every line in transit");
        public static readonly Reason QuantityShape = new("delivery.quantity-shape", "{name} is a quantity in the commodity's unit, 0 or more, to a thousandth at most");
        public static readonly Reason NotArrived = new("delivery.not-arrived", "movement {movement} is {status}: a proof of delivery is recorded once it has arrived");
        public static readonly Reason LineNotInTransit = new("delivery.line-not-in-transit", "line {line} of manifest {manifest} is not in transit on movement {movement}");
        public static readonly Reason LineTwice = new("delivery.line-twice", "line {line} of manifest {manifest} is stated twice");
        public static readonly Reason DiscrepancyNeedsReason = new("delivery.discrepancy-needs-reason", "{discrepancy}: a discrepancy is stated with its reason");
        public static readonly Reason LineNotStated = new("delivery.line-not-stated", "line {line} of manifest {manifest} ({departed} departed) is not stated: a proof of delivery accounts for every line");
        public static readonly Reason Discrepancy = new("phrase.discrepancy", "{parts} of {departed:0.###} departed");
        public static readonly Reason Short = new("phrase.short", "short {quantity:0.###}");
        public static readonly Reason Damaged = new("phrase.damaged", "damaged {quantity:0.###}");
        public static readonly Reason Over = new("phrase.over", "over {quantity:0.###}");
    }

    /// <summary>Incidents.</summary>
    public static class Incidents
    {
        public static readonly Reason NeedsMovementOrSite = new("incident.needs-movement-or-site", "an incident is linked to a movement or a site: give movementId or siteId");
        public static readonly Reason CountRange = new("incident.count-range", "{field} is a count of people, 0 or more, got {value}");
        public static readonly Reason AircraftLostNeedsSortie = new("incident.aircraft-lost-needs-sortie", "an aircraft lost is recorded against its airlift sortie");
        public static readonly Reason AircraftLostBeforeDeparture = new("incident.aircraft-lost-before-departure", "sortie {movement} is {status}: an aircraft is lost after it departed, with or without its cargo");
    }
}
