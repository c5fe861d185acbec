using Lifeline.Domain.Deciding;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Incidents;

public enum IncidentKind
{
    AircraftLost,
    VehicleHit,
    Looting,
    CheckpointRefusal,
    ShellingNearSite,
}

public enum CargoStatus
{
    Lost,
    Recovered,
    Unknown,
}

public static class IncidentNames
{
    public static readonly IReadOnlyDictionary<string, IncidentKind> Kinds = new Dictionary<string, IncidentKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["aircraft_lost"] = IncidentKind.AircraftLost,
        ["vehicle_hit"] = IncidentKind.VehicleHit,
        ["looting"] = IncidentKind.Looting,
        ["checkpoint_refusal"] = IncidentKind.CheckpointRefusal,
        ["shelling_near_site"] = IncidentKind.ShellingNearSite,
    };

    public static readonly IReadOnlyDictionary<string, CargoStatus> CargoStatuses = new Dictionary<string, CargoStatus>(StringComparer.OrdinalIgnoreCase)
    {
        ["lost"] = CargoStatus.Lost,
        ["recovered"] = CargoStatus.Recovered,
        ["unknown"] = CargoStatus.Unknown,
    };

    public static string Name(this IncidentKind kind) => Kinds.First(pair => pair.Value == kind).Key;

    public static string Name(this CargoStatus status) => CargoStatuses.First(pair => pair.Value == status).Key;
}

/// <summary>
/// Something that happened to a movement or near a site. Casualties are counts only: the log is read by every
/// party, and the people hurt are not named in it.
/// </summary>
public sealed record IncidentRecorded(
    Guid OperationId,
    Guid IncidentId,
    IncidentKind Kind,
    Guid? MovementId,
    Guid? SiteId,
    double? Latitude,
    double? Longitude,
    string Place,
    int Killed,
    int Injured,
    CargoStatus? CargoStatus,
    [PersonalData] string Narrative) : IDomainEvent;

public sealed record RecordIncident(
    OperationId OperationId,
    IncidentId IncidentId,
    IncidentKind Kind,
    DateTimeOffset At,
    MovementId? MovementId,
    SiteId? SiteId,
    GeoPoint? Location,
    string Place,
    int Killed,
    int Injured,
    CargoStatus? CargoStatus,
    string Narrative) : IOperationCommand
{
    public static RecordIncident? From(
        OperationId operation,
        IncidentId id,
        string? kind,
        DateTimeOffset? at,
        Guid? movementId,
        Guid? siteId,
        double? latitude,
        double? longitude,
        string? place,
        int? killed,
        int? injured,
        string? cargoStatus,
        string? narrative,
        Validation validation)
    {
        var validKind = validation.Check(Check.OneOf(kind, "kind", IncidentNames.Kinds));
        var when = validation.Check(Check.Required(at, "occurredAt"));
        if (movementId is null && siteId is null)
        {
            validation.Add(Reasons.Incidents.NeedsMovementOrSite.Invalid("movementId"));
        }

        GeoPoint? location = null;
        if (latitude is not null || longitude is not null)
        {
            location = validation.Check(GeoPoint.Create(latitude ?? double.NaN, longitude ?? double.NaN));
        }

        var validPlace = validation.Check(Check.OptionalText(place, "place", 200));
        foreach (var (count, field) in new[] { (killed, "killed"), (injured, "injured") })
        {
            if (count is < 0 or > 10_000)
            {
                validation.Add(Reasons.Incidents.CountRange.Invalid(field, ("field", field), ("value", count)));
            }
        }

        CargoStatus? validCargo = cargoStatus is null ? null : validation.Check(Check.OneOf(cargoStatus, "cargoStatus", IncidentNames.CargoStatuses));
        var validNarrative = validation.Check(Check.OptionalText(narrative, "narrative", 4000));
        return validation.Failed
            ? null
            : new RecordIncident(operation, id, validKind, when.ToUniversalTime(), movementId is { } m ? new MovementId(m) : null, siteId is { } s ? new SiteId(s) : null, location, validPlace, killed ?? 0, injured ?? 0, validCargo, validNarrative);
    }
}

public static class IncidentDecider
{
    public static string Stream(IncidentId id) => $"incident/{id}";

    /// <summary>
    /// Records the incident. An aircraft lost ends its sortie as lost and writes off the cargo still in transit,
    /// naming the incident as the reason, in the same entry batch.
    /// </summary>
    public static Decision Decide(RecordIncident command, Movement? movement, Sites.Site? site, IReadOnlyList<CargoLine> inTransit)
    {
        if (command.MovementId is { } movementId && movement is null)
        {
            return Decision.Reject(Reasons.Movements.NotFound.NotFound("movementId", ("movement", movementId)));
        }

        if (command.SiteId is { } siteId && site is null)
        {
            return Decision.Reject(Reasons.Corridors.SiteNotInOperation.NotFound("siteId", ("site", siteId)));
        }

        var recorded = new PendingEvent(Stream(command.IncidentId), new IncidentRecorded(
            command.OperationId.Value,
            command.IncidentId.Value,
            command.Kind,
            command.MovementId?.Value,
            command.SiteId?.Value,
            command.Location?.Latitude,
            command.Location?.Longitude,
            command.Place,
            command.Killed,
            command.Injured,
            command.CargoStatus,
            command.Narrative),
            StartsStream: true);
        if (command.Kind != IncidentKind.AircraftLost)
        {
            return Decision.Accept(recorded);
        }

        if (movement is null || movement.Mode != MovementMode.Air)
        {
            return Decision.Reject(Reasons.Incidents.AircraftLostNeedsSortie.Invalid("movementId"));
        }

        if (MovementDecider.Transition(movement, MovementStatus.Lost) is not null)
        {
            return Decision.Reject(Reasons.Incidents.AircraftLostBeforeDeparture.Invalid("movementId", ("movement", movement.Id), ("status", Reasons.Term("movement-status", movement.Status.Name()))));
        }

        return Decision.Accept(
            recorded,
            new PendingEvent(MovementDecider.Stream(movement.Id), new MovementLost(command.OperationId.Value, movement.Id.Value, command.IncidentId.Value, movement.Status, [.. inTransit])));
    }
}
