using Lifeline.Domain.Commodities;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Incidents;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Operations;
using Lifeline.Domain.Sites;
using Lifeline.Domain.Stock;
using Lifeline.Domain.Zones;

namespace Lifeline.Domain.Tests.Contracts;

/// <summary>
/// One representative event of a catalogued type, whose canonical body is frozen in
/// <c>Golden/events/{name}.json</c>. <see cref="Variant"/> names a second sample of the same type when one
/// sample cannot fill every member (a once window and a daily one); its file is <c>{name}.{variant}.json</c>.
/// </summary>
public sealed record EventSample(IDomainEvent Event, string? Variant = null)
{
    /// <summary>The golden file's name without <c>.json</c>, e.g. <c>window.scheduled.v1.daily</c>.</summary>
    public string GoldenName =>
        (EventCatalog.All.FirstOrDefault(t => t.ClrType == Event.GetType())?.FullName ?? $"(uncatalogued {Event.GetType().Name})")
        + (Variant is null ? string.Empty : "." + Variant);
}

/// <summary>
/// A realistic sample of every event in the catalogue, from an illustrative relief operation around a besieged
/// city (places as in the demo, people only as roles and counts). Every member is filled, optional ones
/// included, by at least one sample of its type. The values are written out, never computed, so that a change
/// of the code that computes them does not pass for a change of the body's shape.
/// </summary>
public static class EventSamples
{
    private static readonly Guid Operation = Guid.Parse("01562f71-c380-724e-b7ab-9f3af5118f0e");

    private static readonly Guid Hmeimim = Guid.Parse("01562f71-c768-7898-9795-0eb2caf6b8c3");
    private static readonly Guid Warehouse = Guid.Parse("01562f71-cb50-7d89-9ac7-2b4cfca308bd");
    private static readonly Guid Helipad = Guid.Parse("01562f71-cf38-7d67-ba5f-73d8ae1acbe8");
    private static readonly Guid RamousehPoint = Guid.Parse("01562f71-d320-75bf-836d-ffabdc3a3c04");
    private static readonly Guid RamousehCrossing = Guid.Parse("01562f71-d708-7dbf-b7e3-2ca3e034e5a8");
    private static readonly Guid RamousehGate = Guid.Parse("01562f71-daf0-7f60-93d7-daf1a8f079c2");
    private static readonly Guid JandoulGate = Guid.Parse("01562f71-ded8-7337-b3ec-ab940f430094");
    private static readonly Guid BesiegedDistricts = Guid.Parse("01562f72-ade0-7413-a41b-b16816a7c6bb");

    private static readonly Guid Flour = Guid.Parse("01562f73-9840-7f9b-8cf9-660e33ff4ccd");
    private static readonly Guid Rice = Guid.Parse("01562f73-9c28-7e0f-bb18-99d49b16d9d3");
    private static readonly Guid CannedMeat = Guid.Parse("01562f73-a010-7a3b-b565-a8017fd6d4fa");
    private static readonly Guid VegetableOil = Guid.Parse("01562f73-a3f8-72d8-84ce-636ae378da6a");
    private static readonly Guid TherapeuticFood = Guid.Parse("01562f73-a7e0-7025-8462-4cc3d68398ec");
    private static readonly Guid TraumaKit = Guid.Parse("01562f73-abc8-7c14-a875-b741b3a1090a");
    private static readonly Guid BasicKit = Guid.Parse("01562f73-afb0-73f0-96c8-d37c0815a84f");

    private static readonly Guid RamousehCorridor = Guid.Parse("01562f74-82a0-7733-a4fe-442d58d2ff46");
    private static readonly Guid CastelloCorridor = Guid.Parse("01562f74-8688-7821-b673-187f53b762a2");
    private static readonly Guid DailyWindow = Guid.Parse("01562f74-8a70-7569-8429-9c3cf5aa153c");
    private static readonly Guid PauseWindow = Guid.Parse("01566ac6-5cc0-7202-a3c8-1a8684d83814");
    private static readonly Guid Pause = Guid.Parse("01566ac6-5cc0-7d43-9e97-f7f2c94a7358");
    private static readonly Guid TalliedPassage = Guid.Parse("01564157-fa60-78ce-920a-70ccdbbc6190");
    private static readonly Guid CorrectingPassage = Guid.Parse("015641b3-87e0-7137-b981-fdd4cf520268");

    private static readonly Guid Convoy = Guid.Parse("01563a9a-3580-781b-93bc-ca87dee2ba5e");
    private static readonly Guid Sortie = Guid.Parse("0156402e-6e80-75f4-9364-593d10534183");
    private static readonly Guid ReplacedManifest = Guid.Parse("01563e49-33c0-752b-a2b9-54225bdc6666");
    private static readonly Guid LeadTruckManifest = Guid.Parse("01563e89-4a00-7d3c-8065-7e8f56edbd0c");
    private static readonly Guid RearTruckManifest = Guid.Parse("01563e8d-dde0-79c1-a1b7-524f950dd6a3");
    private static readonly Guid SortieManifest = Guid.Parse("01564426-aac0-7772-947c-5bd6a05eae14");
    private static readonly Guid Correction = Guid.Parse("015644d4-9e00-7c48-b6ac-d30495b44562");
    private static readonly Guid Inspection = Guid.Parse("01564125-9fc0-7843-a6ff-1c4fa6763476");
    private static readonly Guid ConvoyIncident = Guid.Parse("0156403c-2a20-7a97-bfff-36551d013f79");
    private static readonly Guid LossIncident = Guid.Parse("01564542-7b00-728d-b5ba-3f3abadeea9b");

    // The seals of the convoy's two manifests, as ManifestHash computes them from the lines below.
    private const string LeadTruckSeal = "a6b9c2d3ecab91546e6c21057a6e9d3ea95ba46d3cd0a4115790744c968bd58c";
    private const string RearTruckSeal = "0beb321433cf2a5156632d4547b907ded50d1979acfb74ec434b9c3f9c0205c7";

    private const string Announcer = "Defence ministry and civilian government (as announced)";

    public static readonly IReadOnlyList<EventSample> All =
    [
        new(new OperationCreated(
            Operation,
            "Aleppo 2016 (illustrative reconstruction)",
            "Corridors out of the eastern districts, relief convoys and helicopter airlift in. Illustrative: no figure is an official record.",
            new DateOnly(2016, 7, 28),
            "Asia/Damascus")),

        new(new SiteRegistered(Operation, RamousehPoint, "Ramouseh distribution point", SiteKind.DistributionPoint, 36.1668, 37.1472, "SY02")),

        new(new SiteStatusChanged(Operation, RamousehPoint, SiteStatus.Closed, "Shelling on the Ramouseh approach; distributions moved to the Salah al-Din point until further notice")),

        new(new ZoneDrawn(
            Operation,
            BesiegedDistricts,
            "Eastern Aleppo besieged districts",
            ZoneKind.BesiegedArea,
            [
                [[37.16, 36.186], [37.184, 36.18], [37.218, 36.182], [37.221, 36.214], [37.205, 36.239], [37.171, 36.237], [37.158, 36.212], [37.16, 36.186]],
                // The citadel, held apart from the districts around it.
                [[37.161, 36.197], [37.166, 36.197], [37.166, 36.202], [37.161, 36.202], [37.161, 36.197]],
            ])),

        new(new CommodityRegistered(
            Operation,
            TherapeuticFood,
            "RUTF-150",
            "Ready-to-use therapeutic food, carton of 150 sachets",
            CommodityCategory.Food,
            "carton",
            13.8m,
            5430m,
            0.028m,
            LotTracked: true)),

        new(new CorridorDefined(
            Operation,
            RamousehCorridor,
            "Ramouseh civilian corridor",
            [[37.161, 36.17], [37.1572, 36.1671], [37.1535, 36.1642]],
            [RamousehGate, RamousehCrossing],
            [PersonCategory.Civilians, PersonCategory.WoundedAndSick, PersonCategory.HumanitarianStaff],
            400,
            Announcer,
            CorridorDirections.Both)),

        new(new CorridorStatusChanged(
            Operation,
            RamousehCorridor,
            CorridorStatus.Open,
            CorridorStatus.Paused,
            "Shelling near the inner gate; crossings paused until the guarantors confirm the ceasefire holds",
            Announcer)),

        new(new WindowScheduled(
            Operation,
            RamousehCorridor,
            PauseWindow,
            new DateTime(2016, 8, 10, 10, 0, 0, DateTimeKind.Unspecified),
            new DateTime(2016, 8, 10, 13, 0, 0, DateTimeKind.Unspecified),
            null,
            null,
            null,
            null,
            Pause,
            "Three-hour humanitarian pause on all corridors, as announced for 10 August")),

        new(
            new WindowScheduled(
                Operation,
                RamousehCorridor,
                DailyWindow,
                null,
                null,
                new DateOnly(2016, 7, 28),
                new DateOnly(2016, 8, 31),
                new TimeOnly(8, 0),
                new TimeOnly(16, 0),
                null,
                "Daily opening announced with the corridors"),
            Variant: "daily"),

        new(new WindowCancelled(Operation, RamousehCorridor, PauseWindow, "Pause called off: the parties could not agree the hours")),

        new(new PassageRecorded(
            Operation,
            CorrectingPassage,
            CastelloCorridor,
            JandoulGate,
            PassageDirection.Outbound,
            new DateTimeOffset(2016, 7, 31, 14, 20, 0, TimeSpan.Zero),
            [
                new(PersonCategory.FightersUnderAmnesty, Sex.Male, AgeBand.Age18To59, 4),
                new(PersonCategory.WoundedAndSick, Sex.Male, AgeBand.Age18To59, 1),
                new(PersonCategory.WoundedAndSick, Sex.Unknown, AgeBand.Unknown, 1),
            ],
            Vehicles: 1,
            MedicalEvacuations: 1,
            WeaponsHandedIn: 4,
            OutOfWindow: true,
            OutOfWindowReason: "Arrived after the window closed; let through by agreement at the gate",
            Corrects: TalliedPassage)),

        new(new StockReceived(Operation, Hmeimim, TraumaKit, "TK-2016-031", new DateOnly(2018, 3, 31), 60m, "Government relief consignment (illustrative)")),

        new(new StockIssued(Operation, Warehouse, BasicKit, "BK-2016-094", 4m, "Handed to the Bustan al-Qasr field clinic")),

        new(new StockAdjusted(Operation, Warehouse, Flour, "", 2m, AdjustmentReason.CountCorrection, "Recount after unloading: two bags were stacked behind the pallet")),

        new(new LotQuarantined(Operation, Warehouse, BasicKit, "BK-2016-094", "Water damage suspected on four cartons; held for the pharmacist's inspection")),

        new(new LotReleased(Operation, Warehouse, BasicKit, "BK-2016-094", "Inspected by the pharmacist: packaging dry and seals intact")),

        new(new DailyNeedSet(Operation, Warehouse, Flour, 22.5m)),

        new(new MovementPlanned(
            Operation,
            Sortie,
            MovementMode.Air,
            Hmeimim,
            Helipad,
            new DateTimeOffset(2016, 8, 1, 5, 0, 0, TimeSpan.Zero),
            null,
            "Hmeimim - Hama - Aleppo, flying high over contested ground",
            5,
            [new("RA-24532", "Mi-8AMTSh", 4000m, 22m)],
            new SortieDerating(10m, 15m, 2.5m))),

        new(
            new MovementPlanned(
                Operation,
                Convoy,
                MovementMode.Road,
                Hmeimim,
                Warehouse,
                new DateTimeOffset(2016, 7, 31, 3, 0, 0, TimeSpan.Zero),
                RamousehCorridor,
                "Lattakia - Hama - Khanasser road - Ramouseh",
                4,
                [new("KAMAZ 13-41 LT", null, 10000m, 40m), new("KAMAZ 13-57 LT", null, 10000m, 40m)],
                null),
            Variant: "road"),

        new(new MovementStatusChanged(Operation, Convoy, MovementStatus.Planned, MovementStatus.Approved, "Cleared by the joint coordination centre")),

        new(new ManifestRecorded(
            Operation,
            LeadTruckManifest,
            Convoy,
            "KAMAZ 13-41 LT",
            [new(Flour, "", 80m), new(Rice, "", 60m), new(TraumaKit, "TK-2016-031", 10m)],
            TotalMassKg: 5880m,
            TotalVolumeM3: 9.7m,
            Replaces: ReplacedManifest)),

        new(new MovementDeparted(
            Operation,
            Convoy,
            Hmeimim,
            [new(LeadTruckManifest, "KAMAZ 13-41 LT", LeadTruckSeal), new(RearTruckManifest, "KAMAZ 13-57 LT", RearTruckSeal)],
            [
                new(LeadTruckManifest, 1, Flour, "", null, 80m),
                new(LeadTruckManifest, 2, Rice, "", null, 60m),
                new(LeadTruckManifest, 3, TraumaKit, "TK-2016-031", new DateOnly(2018, 3, 31), 10m),
                new(RearTruckManifest, 1, VegetableOil, "", null, 100m),
                new(RearTruckManifest, 2, CannedMeat, "", null, 200m),
            ])),

        new(new ManifestCorrected(
            Operation,
            Correction,
            Convoy,
            RearTruckManifest,
            RearTruckSeal,
            "KAMAZ 13-57 LT",
            [new(VegetableOil, "", 100m), new(CannedMeat, "", 180m)],
            TotalMassKg: 1360m,
            TotalVolumeM3: 2.4m,
            "Twenty cartons of canned meat were left on the dock at Hmeimim: the loading tally counted them twice")),

        new(new InspectionRecorded(
            Operation,
            Inspection,
            LeadTruckManifest,
            Convoy,
            LeadTruckSeal,
            "Independent observer mission (illustrative)",
            InspectionFinding.Differs,
            [
                new(1, Flour, "", 80m, 78m, "two bags fewer than manifested"),
                new(null, BasicKit, "BK-2016-094", 0m, 1m, "one basic health kit not on the manifest"),
            ],
            "Counted at unloading against the sealed manifest")),

        new(new DeliveryRecorded(
            Operation,
            Convoy,
            Warehouse,
            "Warehouse storekeeper",
            [
                new(LeadTruckManifest, 1, Flour, "", null, 80m, 78m, 0m, 2m, 0m, "two bags missing at unloading; seals intact, counted twice"),
                new(LeadTruckManifest, 2, Rice, "", null, 60m, 57m, 3m, 0m, 0m, "three bags soaked by rain through a torn tarpaulin"),
                new(LeadTruckManifest, 3, TraumaKit, "TK-2016-031", new DateOnly(2018, 3, 31), 10m, 10m, 0m, 0m, 0m, ""),
                new(RearTruckManifest, 1, VegetableOil, "", null, 100m, 102m, 0m, 0m, 2m, "two bottles more than sealed, left over from the previous load"),
                new(RearTruckManifest, 2, CannedMeat, "", null, 200m, 180m, 0m, 20m, 0m, "twenty cartons never loaded (manifest corrected)"),
            ])),

        new(new IncidentRecorded(
            Operation,
            ConvoyIncident,
            IncidentKind.VehicleHit,
            Convoy,
            RamousehCrossing,
            36.1655,
            37.1528,
            "Ramouseh approach, 400 m before the crossing",
            Killed: 0,
            Injured: 2,
            CargoStatus.Recovered,
            "Rear truck hit by shell fragments; two crew lightly injured and treated at the crossing; cargo moved to the lead truck")),

        new(new MovementLost(
            Operation,
            Sortie,
            LossIncident,
            MovementStatus.Departed,
            [
                new(SortieManifest, 1, TraumaKit, "TK-2016-031", new DateOnly(2018, 3, 31), 20m),
                new(SortieManifest, 2, CannedMeat, "", null, 200m),
            ])),
    ];
}
