using System.Globalization;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Movements;

public enum MovementMode
{
    Road,
    Air,
}

public enum MovementStatus
{
    Planned,
    Approved,
    Loading,
    Departed,
    Arrived,
    Delivered,
    Aborted,
    Lost,
}

public static class MovementNames
{
    public static readonly IReadOnlyDictionary<string, MovementMode> Modes = new Dictionary<string, MovementMode>(StringComparer.OrdinalIgnoreCase)
    {
        ["road"] = MovementMode.Road,
        ["air"] = MovementMode.Air,
    };

    public static readonly IReadOnlyDictionary<string, MovementStatus> Statuses = Enum.GetValues<MovementStatus>()
        .ToDictionary(s => s.ToString().ToLowerInvariant(), s => s, StringComparer.OrdinalIgnoreCase);

    public static string Name(this MovementMode mode) => mode == MovementMode.Air ? "air" : "road";

    public static string Name(this MovementStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>A truck of a convoy (plate or fleet id) or the aircraft of a sortie (tail number and type).</summary>
public sealed record MovementVehicle(string VehicleId, string? AircraftType, decimal PayloadKg, decimal? VolumeM3);

/// <summary>
/// How much of an aircraft's maximum payload a sortie gives up for range (fuel), temperature and altitude
/// (thinner air), each in percent and applied one after the other.
/// </summary>
public sealed record SortieDerating(decimal RangePercent, decimal TemperaturePercent, decimal AltitudePercent)
{
    public Mass Apply(decimal maximumKg) => Mass.FromKilograms(decimal.Floor(maximumKg * (1 - (RangePercent / 100)) * (1 - (TemperaturePercent / 100)) * (1 - (AltitudePercent / 100))))!.Value;
}

/// <summary>A road convoy or an airlift sortie, as it stands.</summary>
public sealed record Movement(
    MovementId Id,
    OperationId OperationId,
    MovementMode Mode,
    SiteId Origin,
    SiteId Destination,
    DateTimeOffset PlannedDeparture,
    CorridorId? CorridorId,
    [OperationalNote] string Route,
    int Crew,
    IReadOnlyList<MovementVehicle> Vehicles,
    SortieDerating? Derating,
    MovementStatus Status)
{
    /// <summary>What a vehicle may carry on this movement: its payload, derated for a sortie.</summary>
    public Mass PayloadOf(MovementVehicle vehicle) =>
        Derating is { } derating ? derating.Apply(vehicle.PayloadKg) : Mass.FromKilograms(vehicle.PayloadKg)!.Value;

    public MovementVehicle? Vehicle(string id) => Vehicles.FirstOrDefault(v => string.Equals(v.VehicleId, id, StringComparison.Ordinal));

    public bool Sealed => Status is not (MovementStatus.Planned or MovementStatus.Approved or MovementStatus.Loading or MovementStatus.Aborted);
}

/// <summary>One line of cargo that left a site: stock in transit, owned by the movement until delivered or lost.</summary>
public sealed record CargoLine(Guid ManifestId, int Line, Guid CommodityId, string Lot, DateOnly? Expiry, decimal Quantity);

/// <summary>A manifest as sealed on departure: its hash is the record of what the vehicle carried.</summary>
public sealed record SealedManifest(Guid ManifestId, string VehicleId, string Hash);

public sealed record MovementPlanned(
    Guid OperationId,
    Guid MovementId,
    MovementMode Mode,
    Guid OriginSiteId,
    Guid DestinationSiteId,
    DateTimeOffset PlannedDeparture,
    Guid? CorridorId,
    string Route,
    int Crew,
    MovementVehicle[] Vehicles,
    SortieDerating? Derating) : IDomainEvent;

/// <summary>Approved, loading, arrived or aborted; departure, delivery and loss have events of their own.</summary>
public sealed record MovementStatusChanged(Guid OperationId, Guid MovementId, MovementStatus From, MovementStatus To, string Reason) : IDomainEvent;

/// <summary>The movement left: its manifests are sealed and their cargo moved from the origin's stock into transit.</summary>
public sealed record MovementDeparted(Guid OperationId, Guid MovementId, Guid OriginSiteId, SealedManifest[] Manifests, CargoLine[] Cargo) : IDomainEvent;

/// <summary>The movement was lost (an aircraft shot down); the cargo still in transit is written off, the incident the reason.</summary>
public sealed record MovementLost(Guid OperationId, Guid MovementId, Guid IncidentId, MovementStatus From, CargoLine[] WrittenOff) : IDomainEvent;

public sealed record TruckInput(string? Id, decimal? PayloadKg, decimal? VolumeM3);

public sealed record AircraftInput(string? Type, string? TailNumber, decimal? MaxPayloadKg, decimal? VolumeM3);

public sealed record DeratingInput(decimal? RangePercent, decimal? TemperaturePercent, decimal? AltitudePercent);

public sealed record PlanMovement(
    OperationId OperationId,
    MovementId MovementId,
    MovementMode Mode,
    SiteId Origin,
    SiteId Destination,
    DateTimeOffset PlannedDeparture,
    CorridorId? CorridorId,
    string Route,
    int Crew,
    IReadOnlyList<MovementVehicle> Vehicles,
    SortieDerating? Derating) : IOperationCommand
{
    public static PlanMovement? From(
        OperationId operation,
        MovementId id,
        string? mode,
        Guid? originSiteId,
        Guid? destinationSiteId,
        DateTimeOffset? plannedDeparture,
        Guid? corridorId,
        string? route,
        int? crew,
        IReadOnlyList<TruckInput?>? trucks,
        AircraftInput? aircraft,
        DeratingInput? derating,
        Validation validation)
    {
        var validMode = validation.Check(Check.OneOf(mode, "mode", MovementNames.Modes));
        var origin = validation.Check(Check.Required(originSiteId, "originSiteId"));
        var destination = validation.Check(Check.Required(destinationSiteId, "destinationSiteId"));
        if (originSiteId is not null && originSiteId == destinationSiteId)
        {
            validation.Add(Reasons.Movements.DestinationIsOrigin.Invalid("destinationSiteId"));
        }

        var departure = validation.Check(Check.Required(plannedDeparture, "plannedDeparture"));
        var validRoute = validation.Check(Check.OptionalText(route, "route", 500));
        var crewCount = validation.Check(Check.Required(crew, "crew"));
        if (crew is < 1 or > 200)
        {
            validation.Add(Reasons.Movements.CrewRange.Invalid("crew", ("value", crew)));
        }

        var vehicles = new List<MovementVehicle>();
        SortieDerating? validDerating = null;
        if (validMode == MovementMode.Road && mode is not null && MovementNames.Modes.ContainsKey(mode))
        {
            if (aircraft is not null || derating is not null)
            {
                validation.Add(Reasons.Movements.ConvoyNoAircraft.Invalid("aircraft"));
            }

            if (trucks is not { Count: > 0 })
            {
                validation.Add(Reasons.Movements.ConvoyNeedsTrucks.Invalid("trucks"));
            }

            for (var i = 0; i < (trucks?.Count ?? 0); i++)
            {
                var field = string.Create(CultureInfo.InvariantCulture, $"trucks[{i}]");
                if (trucks![i] is not { } truck)
                {
                    validation.Add(Reasons.Input.Required.Invalid(field, ("field", field)));
                    continue;
                }

                var plate = validation.Check(Check.RequiredText(truck.Id, $"{field}.id", 40));
                var payload = validation.Check(Bounds.Payload.Positive(truck.PayloadKg, $"{field}.payloadKg"));
                var volume = validation.Check(Bounds.VehicleVolume.Positive(truck.VolumeM3, $"{field}.volumeM3"));
                if (plate is not null && vehicles.Any(v => string.Equals(v.VehicleId, plate, StringComparison.Ordinal)))
                {
                    validation.Add(Reasons.Movements.TruckTwice.Invalid($"{field}.id", ("plate", plate)));
                }

                vehicles.Add(new MovementVehicle(plate!, null, payload, volume));
            }
        }
        else if (validMode == MovementMode.Air && mode is not null && MovementNames.Modes.ContainsKey(mode))
        {
            if (trucks is { Count: > 0 })
            {
                validation.Add(Reasons.Movements.SortieNoTrucks.Invalid("trucks"));
            }

            if (aircraft is null)
            {
                validation.Add(Reasons.Movements.SortieNeedsAircraft.Invalid("aircraft"));
            }
            else
            {
                var type = validation.Check(Check.RequiredText(aircraft.Type, "aircraft.type", 60));
                var tail = validation.Check(Check.RequiredText(aircraft.TailNumber, "aircraft.tailNumber", 40));
                var payload = validation.Check(Bounds.Payload.Positive(aircraft.MaxPayloadKg, "aircraft.maxPayloadKg"));
                if (aircraft.VolumeM3 is { } volume && volume <= 0)
                {
                    validation.Add(Reasons.Movements.AircraftVolumeNotPositive.Invalid("aircraft.volumeM3", ("value", volume)));
                }
                else if (aircraft.VolumeM3 is { } hold && Bounds.VehicleVolume.Refusal(hold, "aircraft.volumeM3") is { } refused)
                {
                    validation.Add(refused);
                }

                vehicles.Add(new MovementVehicle(tail, type, payload, aircraft.VolumeM3));
            }

            validDerating = new SortieDerating(
                Percent(derating?.RangePercent, "derating.rangePercent", validation),
                Percent(derating?.TemperaturePercent, "derating.temperaturePercent", validation),
                Percent(derating?.AltitudePercent, "derating.altitudePercent", validation));
        }

        return validation.Failed
            ? null
            : new PlanMovement(operation, id, validMode, new SiteId(origin), new SiteId(destination), departure.ToUniversalTime(), corridorId is { } c ? new CorridorId(c) : null, validRoute, crewCount, vehicles, validDerating);
    }

    private static decimal Percent(decimal? raw, string field, Validation validation)
    {
        if (raw is { } value && value is < 0 or >= 100)
        {
            validation.Add(Reasons.Movements.DeratingRange.Invalid(field, ("field", field), ("value", value)));
        }
        else if (raw is { } percent && Bounds.Percent.Refusal(percent, field) is { } tooFine)
        {
            validation.Add(tooFine);
        }

        return raw ?? 0;
    }
}

public sealed record ChangeMovementStatus(OperationId OperationId, MovementId MovementId, MovementStatus To, [OperationalNote] string Reason) : IOperationCommand
{
    /// <summary>The statuses set by hand; departure, delivery and loss come from their own commands.</summary>
    public static readonly IReadOnlyDictionary<string, MovementStatus> Settable = new Dictionary<string, MovementStatus>(StringComparer.OrdinalIgnoreCase)
    {
        ["approved"] = MovementStatus.Approved,
        ["loading"] = MovementStatus.Loading,
        ["arrived"] = MovementStatus.Arrived,
        ["aborted"] = MovementStatus.Aborted,
    };

    public static ChangeMovementStatus? From(OperationId operation, MovementId movement, string? status, string? reason, Validation validation)
    {
        var to = validation.Check(Check.OneOf(status, "status", Settable));
        var validReason = validation.Check(Check.OptionalText(reason, "reason", 500));
        if (!validation.Failed && to == MovementStatus.Aborted && validReason.Length == 0)
        {
            validation.Add(Reasons.Movements.AbortNeedsReason.Invalid("reason"));
        }

        return validation.Failed ? null : new ChangeMovementStatus(operation, movement, to, validReason);
    }
}

public sealed record DepartMovement(OperationId OperationId, MovementId MovementId, DateTimeOffset At) : IOperationCommand;

/// <summary>The rules of a movement's life: planning, the allowed transitions and departure.</summary>
public static class MovementDecider
{
    /// <summary>
    /// Where each status may go. An aircraft can be lost after it delivered, on its way back; aborting is
    /// only possible before departure, when the cargo is still in the origin's stock.
    /// </summary>
    public static readonly IReadOnlyDictionary<MovementStatus, MovementStatus[]> Transitions = new Dictionary<MovementStatus, MovementStatus[]>
    {
        [MovementStatus.Planned] = [MovementStatus.Approved, MovementStatus.Aborted],
        [MovementStatus.Approved] = [MovementStatus.Loading, MovementStatus.Aborted],
        [MovementStatus.Loading] = [MovementStatus.Departed, MovementStatus.Aborted],
        [MovementStatus.Departed] = [MovementStatus.Arrived, MovementStatus.Lost],
        [MovementStatus.Arrived] = [MovementStatus.Delivered, MovementStatus.Lost],
        [MovementStatus.Delivered] = [MovementStatus.Lost],
        [MovementStatus.Aborted] = [],
        [MovementStatus.Lost] = [],
    };

    public static string Stream(MovementId id) => $"movement/{id}";

    public static Decision Decide(PlanMovement command, Sites.Site? origin, Sites.Site? destination, Corridors.Corridor? corridor)
    {
        var rejections = new List<Rejection>();
        if (origin is null)
        {
            rejections.Add(Reasons.Corridors.SiteNotInOperation.NotFound("originSiteId", ("site", command.Origin)));
        }
        else if (origin.Status == Sites.SiteStatus.Closed)
        {
            rejections.Add(Reasons.Movements.SiteClosed.Invalid("originSiteId", ("site", origin.Name)));
        }

        if (destination is null)
        {
            rejections.Add(Reasons.Corridors.SiteNotInOperation.NotFound("destinationSiteId", ("site", command.Destination)));
        }
        else if (destination.Status == Sites.SiteStatus.Closed)
        {
            rejections.Add(Reasons.Movements.SiteClosed.Invalid("destinationSiteId", ("site", destination.Name)));
        }

        if (command.CorridorId is { } corridorId && corridor is null)
        {
            rejections.Add(Reasons.Movements.CorridorNotFound.NotFound("corridorId", ("corridor", corridorId)));
        }

        return rejections.Count > 0
            ? Decision.Reject(rejections)
            : Decision.Accept(PendingEvent.Start(
                Stream(command.MovementId),
                new MovementPlanned(command.OperationId.Value, command.MovementId.Value, command.Mode, command.Origin.Value, command.Destination.Value, command.PlannedDeparture, command.CorridorId?.Value, command.Route, command.Crew, [.. command.Vehicles], command.Derating)));
    }

    public static Decision Decide(ChangeMovementStatus command, Movement? movement)
    {
        if (movement is null)
        {
            return Decision.Reject(Reasons.Movements.NotFound.NotFound("movementId", ("movement", command.MovementId)));
        }

        return Transition(movement, command.To) is { } refused
            ? Decision.Reject(refused)
            : Decision.Accept(new PendingEvent(Stream(movement.Id), new MovementStatusChanged(command.OperationId.Value, movement.Id.Value, movement.Status, command.To, command.Reason)));
    }

    /// <summary>Null when <paramref name="movement"/> may go to <paramref name="to"/>; otherwise why not.</summary>
    public static Rejection? Transition(Movement movement, MovementStatus to)
    {
        if (Transitions[movement.Status].Contains(to))
        {
            return null;
        }

        var allowed = Transitions[movement.Status];
        var status = Reasons.Term("movement-status", movement.Status.Name());
        return allowed.Length == 0
            ? Reasons.Movements.StatusFinal.Invalid("status", ("movement", movement.Id), ("status", status))
            : Reasons.Movements.StatusTransition.Invalid("status", ("movement", movement.Id), ("status", status), ("to", Reasons.Term("movement-status", to.Name())), ("allowed", Reasons.Terms("movement-status", allowed.Select(s => s.Name()), Reasons.Lists.Or)));
    }

    /// <summary>
    /// Departure seals every current manifest (their hashes go into the log) and takes their cargo out of the
    /// origin's stock, lot by lot, refusing if any lot would go negative, is quarantined or has expired.
    /// </summary>
    /// <param name="command">The departure.</param>
    /// <param name="movement">The movement departing.</param>
    /// <param name="origin">Where it departs from.</param>
    /// <param name="manifests">The movement's current manifests, one per loaded vehicle.</param>
    /// <param name="commodities">The commodities on the manifests.</param>
    /// <param name="lots">The origin's balance of each lot on the manifests.</param>
    /// <param name="day">The operation's local date of departure, for expiry.</param>
    public static Decision Decide(DepartMovement command, Movement? movement, Sites.Site? origin, IReadOnlyList<Manifest> manifests, IReadOnlyDictionary<CommodityId, Commodities.Commodity> commodities, IReadOnlyDictionary<(CommodityId, string), Stock.LotBalance> lots, DateOnly day)
    {
        if (movement is null || origin is null)
        {
            return Decision.Reject(Reasons.Movements.NotFound.NotFound("movementId", ("movement", command.MovementId)));
        }

        if (Transition(movement, MovementStatus.Departed) is { } refused)
        {
            return Decision.Reject(refused);
        }

        if (manifests.Count == 0)
        {
            return Decision.Reject(Reasons.Movements.NoManifest.Invalid("manifests", ("movement", movement.Id)));
        }

        var cargo = manifests.SelectMany(m => m.Lines.Select((line, i) => new CargoLine(
            m.Id.Value,
            i + 1,
            line.CommodityId,
            line.Lot,
            lots.GetValueOrDefault((new CommodityId(line.CommodityId), line.Lot))?.Expiry,
            line.Quantity))).ToArray();
        var rejections = new List<Rejection>();
        foreach (var group in cargo.GroupBy(c => (new CommodityId(c.CommodityId), c.Lot)))
        {
            var wanted = group.Aggregate(Stock.Quantity.Zero, (sum, c) => sum + Stock.Quantity.FromUnits(c.Quantity)!.Value);
            if (Stock.StockDecider.Dispatchable(lots.GetValueOrDefault(group.Key), origin, commodities[group.Key.Item1], group.Key.Lot, wanted, day, "manifests", "manifests") is { } rejection)
            {
                rejections.Add(rejection);
            }
        }

        if (rejections.Count > 0)
        {
            return Decision.Reject(rejections);
        }

        var sealedManifests = manifests.Select(m => new SealedManifest(m.Id.Value, m.VehicleId, ManifestHash.Compute(m.Id, movement.Id, m.VehicleId, m.Lines))).ToArray();
        return Decision.Accept(new PendingEvent(Stream(movement.Id), new MovementDeparted(command.OperationId.Value, movement.Id.Value, origin.Id.Value, sealedManifests, cargo)));
    }
}
