using Lifeline.Domain.Incidents;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Stock;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Demo;

/// <summary>
/// The demo's first week of relief: stock received at Hmeimim, two road convoys to the Hamdaniyah warehouse and
/// three helicopter sorties to the stadium helipad, 18.79 t of food and medicine in all, a few discrepancies on
/// delivery, a convoy held at a checkpoint, one aborted, and the helicopter lost near Saraqib on 1 August 2016 on
/// its way back. Quantities and lots are illustrative; the loss follows public reporting (five aboard killed).
/// </summary>
internal static class DemoLogistics
{
    private static readonly TimeSpan Damascus = TimeSpan.FromHours(3);

    private const string Hub = "Hmeimim air base";
    private const string Warehouse = "Hamdaniyah relief warehouse";
    private const string Helipad = "University stadium helipad";

    private sealed record Load(string Code, string Lot, decimal Quantity);

    /// <summary>A discrepancy found on delivery of one manifest line (1-based).</summary>
    private sealed record Discrepancy(int Line, decimal Short, decimal Damaged, string Reason);

    private sealed record Trip(string Mode, DateTimeOffset Departs, string Destination, string Vehicle, Load[] Cargo, Discrepancy[] Discrepancies);

    private static readonly Trip[] Trips =
    [
        new("air", At(7, 28, 10), Helipad, "RA-24531", [new("MED-TRAUMA-KIT", "TK-2016-031", 20), new("MED-BASIC-KIT", "BK-2016-094", 20), new("CANNED-MEAT-12", "", 200)], []),
        new("road", At(7, 29, 6), Warehouse, "KAMAZ 13-41 LT", [new("WHEAT-FLOUR-50", "", 80), new("RICE-25", "", 60), new("SUGAR-50", "", 20)], [new(1, 2, 0, "two bags missing at unloading; seals intact, counted twice"), new(2, 0, 3, "three bags soaked by rain through a torn tarpaulin")]),
        new("air", At(7, 30, 9), Helipad, "RA-24531", [new("MED-BASIC-KIT", "BK-2016-118", 10), new("RICE-25", "", 60), new("VEG-OIL-5L", "", 100)], [new(3, 0, 4, "four bottles leaked in flight")]),
        new("road", At(7, 31, 6), Warehouse, "KAMAZ 13-57 LT", [new("WHEAT-FLOUR-50", "", 60), new("CANNED-MEAT-12", "", 200), new("VEG-OIL-5L", "", 100)], []),
        new("air", At(8, 1, 8), Helipad, "RA-24532", [new("CANNED-MEAT-12", "", 200), new("MED-TRAUMA-KIT", "TK-2016-031", 20), new("SUGAR-50", "", 20)], []),
    ];

    public static IEnumerable<LogCommand> Commands(OperationId operation, IReadOnlyDictionary<string, SiteId> sites, IReadOnlyDictionary<string, CommodityId> commodities, Func<Guid> newId)
    {
        Guid Commodity(string code) => commodities[code].Value;

        var received = At(7, 27, 16);
        foreach (var (code, lot, expiry, quantity) in new (string, string, DateOnly?, decimal)[]
        {
            ("WHEAT-FLOUR-50", "", null, 300),
            ("RICE-25", "", null, 200),
            ("SUGAR-50", "", null, 60),
            ("CANNED-MEAT-12", "", null, 800),
            ("VEG-OIL-5L", "", null, 300),
            ("MED-TRAUMA-KIT", "TK-2016-031", new DateOnly(2018, 3, 31), 60),
            ("MED-BASIC-KIT", "BK-2016-094", new DateOnly(2016, 12, 31), 30),
            ("MED-BASIC-KIT", "BK-2016-118", new DateOnly(2017, 11, 30), 40),
        })
        {
            yield return DemoOperation.Command(
                validation => ReceiveStock.From(operation, sites[Hub].Value, Commodity(code), lot, expiry, quantity, "Government relief consignment (illustrative)", received, validation),
                received);
        }

        yield return DemoOperation.Command(
            validation => SetDailyNeed.From(operation, sites[Warehouse].Value, Commodity("WHEAT-FLOUR-50"), 20, validation),
            received);

        var sortieIds = new List<MovementId>();
        foreach (var trip in Trips)
        {
            var movement = new MovementId(newId());
            var manifest = new ManifestId(newId());
            var air = trip.Mode == "air";
            if (air)
            {
                sortieIds.Add(movement);
            }

            var departs = trip.Departs;
            var arrives = departs.AddHours(air ? 1.25 : 9);
            yield return DemoOperation.Command(
                validation => PlanMovement.From(
                    operation,
                    movement,
                    trip.Mode,
                    sites[Hub].Value,
                    sites[trip.Destination].Value,
                    departs,
                    null,
                    air ? "Hmeimim - Hama - Aleppo, flying high over contested ground" : "Lattakia - Hama - Khanasser road - Ramouseh",
                    air ? 5 : 2,
                    air ? null : [new TruckInput(trip.Vehicle, 10_000, 40)],
                    air ? new AircraftInput("Mi-8AMTSh", trip.Vehicle, 4_000, 22) : null,
                    air ? new DeratingInput(10, 15, 0) : null,
                    validation),
                departs.AddHours(-20));
            yield return Status(operation, movement, "approved", "Cleared by the joint coordination centre", departs.AddHours(-12));
            yield return Status(operation, movement, "loading", string.Empty, departs.AddHours(-2));
            yield return DemoOperation.Command(
                validation => RecordManifest.From(operation, manifest, movement, trip.Vehicle, trip.Cargo.Select(l => new ManifestLineInput(Commodity(l.Code), l.Lot, l.Quantity)).ToList(), validation),
                departs.AddMinutes(-90));
            yield return new LogCommand(new DepartMovement(operation, movement, departs), OccurredAt: departs);
            if (trip.Vehicle == "KAMAZ 13-57 LT")
            {
                yield return Incident(operation, newId, "checkpoint_refusal", departs.AddHours(5), movement, sites["Castello Road checkpoint"], "Castello Road checkpoint", 0, 0, null, "Convoy held for three hours pending clearance, then let through with its seals intact.");
            }

            yield return Status(operation, movement, "arrived", string.Empty, arrives);
            var delivery = trip.Cargo.Select((load, i) =>
            {
                var discrepancy = trip.Discrepancies.FirstOrDefault(d => d.Line == i + 1);
                var lost = (discrepancy?.Short ?? 0) + (discrepancy?.Damaged ?? 0);
                return new DeliveryLineInput(manifest.Value, i + 1, load.Quantity - lost, discrepancy?.Damaged ?? 0, discrepancy?.Reason);
            }).ToList();
            yield return DemoOperation.Command(
                validation => RecordDelivery.From(operation, movement, air ? "Helipad reception team" : "Warehouse storekeeper", delivery, arrives.AddHours(1), validation),
                arrives.AddHours(1));
            if (trip.Vehicle == "RA-24532")
            {
                yield return DemoOperation.Command(
                    validation => RecordInspection.From(operation, new InspectionId(newId()), manifest.Value, "Independent observer mission (illustrative)", "matches", [], "Cargo counted at unloading against the sealed manifest: food and medical kits only.", validation),
                    arrives.AddMinutes(30));
                yield return Incident(operation, newId, "aircraft_lost", new DateTimeOffset(2016, 8, 1, 11, 20, 0, Damascus), movement, null, "near Saraqib, Idlib governorate", 5, 0, null, "Shot down on the return flight after delivering its cargo to the stadium helipad; all five aboard were killed (as publicly reported).", 35.862, 36.806);
            }
        }

        yield return DemoOperation.Command(
            validation => PlanMovement.From(operation, new MovementId(newId()), "road", sites[Hub].Value, sites[Warehouse].Value, At(8, 2, 6), null, "Lattakia - Hama - Khanasser road - Ramouseh", 2, [new TruckInput("KAMAZ 13-62 LT", 10_000, 40)], null, null, validation),
            At(8, 1, 12));
        var aborted = new MovementId(newId());
        yield return DemoOperation.Command(
            validation => PlanMovement.From(operation, aborted, "road", sites[Hub].Value, sites[Warehouse].Value, At(8, 3, 6), null, "Lattakia - Hama - Khanasser road - Ramouseh", 2, [new TruckInput("KAMAZ 13-64 LT", 10_000, 40)], null, null, validation),
            At(8, 2, 10));
        yield return Status(operation, aborted, "aborted", "Fighting on the Ramouseh approach; convoy stood down", At(8, 2, 18));

        foreach (var (at, point, bags) in new[] { (At(7, 30, 9), "Ramouseh distribution point", 40m), (At(7, 31, 9), "Salah al-Din distribution point", 30m) })
        {
            yield return DemoOperation.Command(
                validation => IssueStock.From(operation, sites[Warehouse].Value, Commodity("WHEAT-FLOUR-50"), "", bags, $"Handed out at {point}", at, validation),
                at);
        }
    }

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2016, month, day, hour, minute, 0, Damascus);

    private static LogCommand Status(OperationId operation, MovementId movement, string status, string reason, DateTimeOffset at) => DemoOperation.Command(
        validation => ChangeMovementStatus.From(operation, movement, status, reason, validation),
        at);

    private static LogCommand Incident(OperationId operation, Func<Guid> newId, string kind, DateTimeOffset at, MovementId movement, SiteId? site, string place, int killed, int injured, string? cargo, string narrative, double? latitude = null, double? longitude = null) => DemoOperation.Command(
        validation => RecordIncident.From(operation, new IncidentId(newId()), kind, at, movement.Value, site?.Value, latitude, longitude, place, killed, injured, cargo, narrative, validation),
        at);
}
