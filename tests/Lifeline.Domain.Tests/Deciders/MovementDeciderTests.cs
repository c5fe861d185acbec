using Lifeline.Domain.Deciding;
using Lifeline.Domain.Incidents;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Stock;
using static Lifeline.Domain.Tests.Deciders.LogisticsFixtures;

namespace Lifeline.Domain.Tests.Deciders;

public class MovementDeciderTests
{
    private static PlanMovement? PlanSortie(Validation validation, decimal? range = 10, int? crew = 5, Guid? destination = null) => PlanMovement.From(
        OperationDeciderTests.Id, SortieId, "air", Hub.Id.Value, destination ?? Helipad.Id.Value, Morning, null, "direct", crew, null,
        new AircraftInput("Mi-8AMTSh", "RA-24531", 4000, 22), new DeratingInput(range, 15, 0), validation);

    private static RecordManifest Manifest(string vehicle, params (Commodities.Commodity Commodity, string Lot, decimal Quantity)[] lines) =>
        RecordManifest.From(OperationDeciderTests.Id, new ManifestId(Guid.NewGuid()), SortieId, vehicle, lines.Select(l => new ManifestLineInput(l.Commodity.Id.Value, l.Lot, l.Quantity)).ToList(), new Validation())!;

    private static Decision DecideManifest(RecordManifest command, Movement movement, params LotBalance[] lots) =>
        ManifestDecider.Decide(command with { MovementId = movement.Id }, movement, Hub, null, Catalogue, Lots(lots), Day);

    [Fact]
    public void A_sortie_is_planned_with_its_aircraft_and_derating()
    {
        var accepted = Assert.IsType<Decision.Accepted>(MovementDecider.Decide(PlanSortie(new Validation())!, Hub, Helipad, null));

        var planned = Assert.IsType<MovementPlanned>(accepted.Events[0].Event);
        Assert.Equal(MovementMode.Air, planned.Mode);
        Assert.Equal("RA-24531", Assert.Single(planned.Vehicles).VehicleId);
        Assert.Equal(3060m, Sortie().PayloadOf(Sortie().Vehicles[0]).Kilograms);
    }

    [Fact]
    public void Planning_checks_every_field_and_names_it()
    {
        var validation = new Validation();

        Assert.Null(PlanSortie(validation, range: 100, crew: 0, destination: Hub.Id.Value));
        Assert.Equal(["destinationSiteId", "crew", "derating.rangePercent"], validation.Rejections.Select(r => r.Field));

        var road = new Validation();
        Assert.Null(PlanMovement.From(OperationDeciderTests.Id, ConvoyId, "road", Hub.Id.Value, Helipad.Id.Value, Morning, null, null, 2, [new TruckInput("T-1", 10000, null), new TruckInput("T-1", 0, 30)], null, null, road));
        Assert.Equal(["trucks[0].volumeM3", "trucks[1].payloadKg", "trucks[1].id"], road.Rejections.Select(r => r.Field));
    }

    [Fact]
    public void Unknown_sites_are_not_found()
    {
        var rejected = Assert.IsType<Decision.Rejected>(MovementDecider.Decide(PlanSortie(new Validation())!, null, Helipad, null));

        Assert.Equal(RejectionKind.NotFound, rejected.Rejections[0].Kind);
        Assert.Equal("originSiteId", rejected.Rejections[0].Field);
    }

    [Theory]
    [InlineData(MovementStatus.Planned, "loading", "movement 01900000-0000-7000-8000-0000000000d1 is planned and cannot become loading; it can become approved or aborted")]
    [InlineData(MovementStatus.Departed, "aborted", "is departed and cannot become aborted; it can become arrived or lost")]
    [InlineData(MovementStatus.Lost, "arrived", "is lost, which is final")]
    public void Invalid_transitions_are_rejected_with_the_reason(MovementStatus from, string to, string reason)
    {
        var command = ChangeMovementStatus.From(OperationDeciderTests.Id, SortieId, to, "because", new Validation())!;

        var rejected = Assert.IsType<Decision.Rejected>(MovementDecider.Decide(command, Sortie(from)));

        Assert.Equal("status", rejected.Rejections[0].Field);
        Assert.Contains(reason, rejected.Rejections[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Aborting_needs_a_reason_and_is_recorded_with_it()
    {
        var validation = new Validation();
        Assert.Null(ChangeMovementStatus.From(OperationDeciderTests.Id, SortieId, "aborted", " ", validation));
        Assert.Equal("reason", validation.Rejections[0].Field);

        var abort = ChangeMovementStatus.From(OperationDeciderTests.Id, SortieId, "aborted", "weather", new Validation())!;
        var changed = Assert.IsType<MovementStatusChanged>(Assert.IsType<Decision.Accepted>(MovementDecider.Decide(abort, Sortie(MovementStatus.Approved))).Events[0].Event);
        Assert.Equal((MovementStatus.Approved, MovementStatus.Aborted, "weather"), (changed.From, changed.To, changed.Reason));
    }

    [Fact]
    public void A_manifest_over_the_derated_payload_is_rejected_stating_the_excess()
    {
        // 62 bags of 50 kg = 3,100 kg against 3,060 kg usable after derating.
        var rejected = Assert.IsType<Decision.Rejected>(DecideManifest(Manifest("RA-24531", (Flour, "", 62)), Sortie(), Lot(Flour, "", 500)));

        Assert.Equal("lines", rejected.Rejections[0].Field);
        Assert.Equal("the manifest weighs 3,100 kg, 40 kg over the derated payload of 3,060 kg of vehicle 'RA-24531'", rejected.Rejections[0].Reason);
    }

    [Fact]
    public void A_manifest_within_the_derated_payload_records_its_derived_mass_and_volume()
    {
        var accepted = Assert.IsType<Decision.Accepted>(DecideManifest(Manifest("RA-24531", (Flour, "", 40), (Kit, "TK-1", 10)), Sortie(), Lot(Flour, "", 500), Lot(Kit, "TK-1", 20, new DateOnly(2018, 1, 1))));

        var recorded = Assert.IsType<ManifestRecorded>(accepted.Events[0].Event);
        Assert.Equal(2380m, recorded.TotalMassKg);
        Assert.Equal(4.8m, recorded.TotalVolumeM3);
    }

    [Fact]
    public void A_manifest_over_the_truck_volume_is_rejected_stating_the_excess()
    {
        // 600 bags of 0.07 m3 = 42 m3 in a 40 m3 truck, though 30 t would also be over 10 t.
        var convoy = Convoy();
        var rejected = Assert.IsType<Decision.Rejected>(DecideManifest(Manifest("KAMAZ-1", (Flour, "", 600)), convoy, Lot(Flour, "", 1000)));

        Assert.Contains(rejected.Rejections, r => r.Reason == "the manifest fills 42 m3, 2 m3 over the 40 m3 of vehicle 'KAMAZ-1'");
        Assert.Contains(rejected.Rejections, r => r.Reason.Contains("20,000 kg over the payload of 10,000 kg", StringComparison.Ordinal));
    }

    [Fact]
    public void Manifest_lines_must_name_lots_that_can_leave_the_origin()
    {
        var rejected = Assert.IsType<Decision.Rejected>(DecideManifest(
            Manifest("RA-24531", (Kit, "", 1), (Kit, "OLD", 1)),
            Sortie(),
            Lot(Kit, "OLD", 5, new DateOnly(2016, 1, 1))));

        Assert.Equal("lines[0].lot", rejected.Rejections[0].Field);
        Assert.Contains("lot-tracked", rejected.Rejections[0].Reason, StringComparison.Ordinal);

        var expired = Assert.IsType<Decision.Rejected>(DecideManifest(Manifest("RA-24531", (Kit, "OLD", 1)), Sortie(), Lot(Kit, "OLD", 5, new DateOnly(2016, 1, 1))));
        Assert.Equal("lines[0].lot", expired.Rejections[0].Field);
    }

    [Fact]
    public void A_vehicle_not_on_the_movement_and_a_departed_movement_refuse_manifests()
    {
        var unknown = Assert.IsType<Decision.Rejected>(DecideManifest(Manifest("RA-99999", (Flour, "", 1)), Sortie(), Lot(Flour, "", 5)));
        var sealedOne = Assert.IsType<Decision.Rejected>(DecideManifest(Manifest("RA-24531", (Flour, "", 1)), Sortie(MovementStatus.Departed), Lot(Flour, "", 5)));

        Assert.Equal("vehicleId", unknown.Rejections[0].Field);
        Assert.Contains("sealed and cannot change; record a correction", sealedOne.Rejections[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_manifest_for_the_same_vehicle_replaces_the_current_one_until_departure()
    {
        var first = new Manifest(new ManifestId(Guid.NewGuid()), SortieId, "RA-24531", [new ManifestLine(Flour.Id.Value, "", 1)], null, null);
        var command = Manifest("RA-24531", (Flour, "", 2));

        var accepted = Assert.IsType<Decision.Accepted>(ManifestDecider.Decide(command, Sortie(), Hub, first, Catalogue, Lots(Lot(Flour, "", 5)), Day));

        Assert.Equal(first.Id.Value, Assert.IsType<ManifestRecorded>(accepted.Events[0].Event).Replaces);
    }

    [Fact]
    public void Departure_seals_each_manifest_with_its_hash_and_moves_the_cargo_into_transit()
    {
        var manifest = new Manifest(new ManifestId(Guid.NewGuid()), SortieId, "RA-24531", [new ManifestLine(Flour.Id.Value, "", 40), new ManifestLine(Kit.Id.Value, "TK-1", 5)], null, null);

        var accepted = Assert.IsType<Decision.Accepted>(MovementDecider.Decide(new DepartMovement(OperationDeciderTests.Id, SortieId, Morning), Sortie(), Hub, [manifest], Catalogue, Lots(Lot(Flour, "", 40), Lot(Kit, "TK-1", 5, new DateOnly(2018, 1, 1))), Day));

        var departed = Assert.IsType<MovementDeparted>(Assert.Single(accepted.Events).Event);
        Assert.Equal(ManifestHash.Compute(manifest.Id, SortieId, "RA-24531", manifest.Lines), Assert.Single(departed.Manifests).Hash);
        Assert.Equal([(1, 40m, (DateOnly?)null), (2, 5m, new DateOnly(2018, 1, 1))], departed.Cargo.Select(c => (c.Line, c.Quantity, c.Expiry)));
    }

    [Fact]
    public void Departure_is_refused_when_a_lot_would_go_negative_or_nothing_is_manifested()
    {
        var manifest = new Manifest(new ManifestId(Guid.NewGuid()), SortieId, "RA-24531", [new ManifestLine(Flour.Id.Value, "", 30), new ManifestLine(Flour.Id.Value, "", 30)], null, null);
        var depart = new DepartMovement(OperationDeciderTests.Id, SortieId, Morning);

        var negative = Assert.IsType<Decision.Rejected>(MovementDecider.Decide(depart, Sortie(), Hub, [manifest], Catalogue, Lots(Lot(Flour, "", 50)), Day));
        var empty = Assert.IsType<Decision.Rejected>(MovementDecider.Decide(depart, Sortie(), Hub, [], Catalogue, Lots(), Day));
        var early = Assert.IsType<Decision.Rejected>(MovementDecider.Decide(depart, Sortie(MovementStatus.Approved), Hub, [manifest], Catalogue, Lots(Lot(Flour, "", 500)), Day));

        Assert.Contains("would go negative: 50 bag (2,500 kg) on hand, 60 bag (3,000 kg) wanted", negative.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Equal("manifests", empty.Rejections[0].Field);
        Assert.Equal("status", early.Rejections[0].Field);
    }

    [Fact]
    public void The_manifest_hash_changes_with_any_line()
    {
        var id = new ManifestId(Guid.NewGuid());
        ManifestLine[] lines = [new(Flour.Id.Value, "", 40)];

        Assert.Equal(ManifestHash.Compute(id, SortieId, "RA-1", lines), ManifestHash.Compute(id, SortieId, "RA-1", [new(Flour.Id.Value, "", 40.000m)]));
        Assert.NotEqual(ManifestHash.Compute(id, SortieId, "RA-1", lines), ManifestHash.Compute(id, SortieId, "RA-1", [new(Flour.Id.Value, "", 39)]));
        Assert.NotEqual(ManifestHash.Compute(id, SortieId, "RA-1", lines), ManifestHash.Compute(id, SortieId, "RA-2", lines));
    }

    [Fact]
    public void Corrections_reference_a_sealed_manifest_and_its_hash_and_may_admit_an_overload()
    {
        var sealedOne = SealedManifest(SortieId, "RA-24531", new ManifestLine(Flour.Id.Value, "", 40));
        var unsealed = sealedOne with { SealedHash = null };
        var correction = CorrectManifest.From(OperationDeciderTests.Id, new ManifestId(Guid.NewGuid()), sealedOne.Id.Value, [new ManifestLineInput(Flour.Id.Value, "", 70)], "two pallets loaded after sealing", new Validation())!;

        var accepted = Assert.IsType<Decision.Accepted>(ManifestDecider.Decide(correction, sealedOne, Catalogue));
        var refused = Assert.IsType<Decision.Rejected>(ManifestDecider.Decide(correction, unsealed, Catalogue));

        var corrected = Assert.IsType<ManifestCorrected>(accepted.Events[0].Event);
        Assert.Equal((sealedOne.Id.Value, sealedOne.SealedHash, 3500m), (corrected.Corrects, corrected.CorrectsHash, corrected.TotalMassKg));
        Assert.Contains("is not sealed", refused.Rejections[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inspection_of_a_sealed_manifest_states_the_differing_lines()
    {
        var sealedOne = SealedManifest(SortieId, "RA-24531", new ManifestLine(Flour.Id.Value, "", 40));
        var differs = RecordInspection.From(OperationDeciderTests.Id, new InspectionId(Guid.NewGuid()), sealedOne.Id.Value, "Observer mission", "differs", [new InspectedLineInput(1, null, null, 38, "two bags missing")], null, new Validation())!;

        var inspection = Assert.IsType<InspectionRecorded>(Assert.IsType<Decision.Accepted>(ManifestDecider.Decide(differs, sealedOne, Catalogue)).Events[0].Event);

        Assert.Equal(sealedOne.SealedHash, inspection.ManifestHash);
        Assert.Equal((1, 40m, 38m), (inspection.Differences[0].Line!.Value, inspection.Differences[0].Manifested, inspection.Differences[0].Found));
        Assert.IsType<Decision.Rejected>(ManifestDecider.Decide(differs, sealedOne with { SealedHash = null }, Catalogue));

        var validation = new Validation();
        Assert.Null(RecordInspection.From(OperationDeciderTests.Id, new InspectionId(Guid.NewGuid()), sealedOne.Id.Value, "Observer mission", "differs", [], null, validation));
        Assert.Equal("differences", validation.Rejections[0].Field);
    }

    [Fact]
    public void Proof_of_delivery_states_every_line_and_every_discrepancy_has_a_reason()
    {
        CargoLine[] inTransit = [new(Guid.NewGuid(), 1, Flour.Id.Value, "", null, 40), new(Guid.NewGuid(), 1, Kit.Id.Value, "TK-1", null, 5)];
        var arrived = Sortie(MovementStatus.Arrived);
        RecordDelivery Deliver(params DeliveryLineInput[] lines) => RecordDelivery.From(OperationDeciderTests.Id, SortieId, "storekeeper", lines, Morning, new Validation())!;

        var noReason = Assert.IsType<Decision.Rejected>(DeliveryDecider.Decide(Deliver(new(inTransit[0].ManifestId, 1, 37, 1, null), new(inTransit[1].ManifestId, 1, 5, 0, null)), arrived, inTransit));
        var missing = Assert.IsType<Decision.Rejected>(DeliveryDecider.Decide(Deliver(new DeliveryLineInput(inTransit[0].ManifestId, 1, 40, 0, null)), arrived, inTransit));
        var accepted = Assert.IsType<Decision.Accepted>(DeliveryDecider.Decide(Deliver(new(inTransit[0].ManifestId, 1, 37, 1, "wet bag; two missing"), new(inTransit[1].ManifestId, 1, 6, 0, "one extra kit")), arrived, inTransit));

        Assert.Equal("lines[0].reason", noReason.Rejections[0].Field);
        Assert.StartsWith("short 2, damaged 1 of 40 departed", noReason.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("is not stated", missing.Rejections[0].Reason, StringComparison.Ordinal);
        var lines = Assert.IsType<DeliveryRecorded>(accepted.Events[0].Event).Lines;
        Assert.Equal((2m, 1m, 0m), (lines[0].Short, lines[0].Damaged, lines[0].Over));
        Assert.Equal(1m, lines[1].Over);
    }

    [Fact]
    public void Delivery_waits_for_arrival()
    {
        var rejected = Assert.IsType<Decision.Rejected>(DeliveryDecider.Decide(RecordDelivery.From(OperationDeciderTests.Id, SortieId, "x", [new DeliveryLineInput(Guid.NewGuid(), 1, 1, 0, null)], Morning, new Validation())!, Sortie(MovementStatus.Departed), []));

        Assert.Contains("is departed and cannot become delivered", rejected.Rejections[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_aircraft_lost_ends_its_sortie_as_lost_and_writes_off_the_cargo_in_transit()
    {
        CargoLine[] inTransit = [new(Guid.NewGuid(), 1, Flour.Id.Value, "", null, 40)];
        var incident = RecordIncident.From(OperationDeciderTests.Id, new IncidentId(Guid.NewGuid()), "aircraft_lost", Morning, SortieId.Value, null, 35.86, 36.8, "near Saraqib", 5, 0, "lost", "shot down", new Validation())!;

        var accepted = Assert.IsType<Decision.Accepted>(IncidentDecider.Decide(incident, Sortie(MovementStatus.Departed), null, inTransit));

        Assert.IsType<IncidentRecorded>(accepted.Events[0].Event);
        var lost = Assert.IsType<MovementLost>(accepted.Events[1].Event);
        Assert.Equal(incident.IncidentId.Value, lost.IncidentId);
        Assert.Equal(inTransit, lost.WrittenOff);
    }

    [Fact]
    public void An_aircraft_is_lost_only_from_a_sortie_in_flight_or_returning()
    {
        RecordIncident Lost() => RecordIncident.From(OperationDeciderTests.Id, new IncidentId(Guid.NewGuid()), "aircraft_lost", Morning, SortieId.Value, null, null, null, null, 5, 0, null, null, new Validation())!;

        Assert.IsType<Decision.Accepted>(IncidentDecider.Decide(Lost(), Sortie(MovementStatus.Delivered), null, []));
        Assert.Equal("movementId", Assert.IsType<Decision.Rejected>(IncidentDecider.Decide(Lost(), Sortie(MovementStatus.Loading), null, [])).Rejections[0].Field);
        Assert.Equal("movementId", Assert.IsType<Decision.Rejected>(IncidentDecider.Decide(Lost(), Convoy(MovementStatus.Departed), null, [])).Rejections[0].Field);
    }

    [Fact]
    public void An_incident_is_linked_to_a_movement_or_a_site_and_counts_casualties_without_names()
    {
        var validation = new Validation();
        Assert.Null(RecordIncident.From(OperationDeciderTests.Id, new IncidentId(Guid.NewGuid()), "looting", Morning, null, null, null, null, null, -1, 0, "stolen", null, validation));
        Assert.Equal(["movementId", "killed", "cargoStatus"], validation.Rejections.Select(r => r.Field));

        var shelling = RecordIncident.From(OperationDeciderTests.Id, new IncidentId(Guid.NewGuid()), "shelling_near_site", Morning, null, Hub.Id.Value, null, null, null, 0, 2, null, "two injured", new Validation())!;
        var recorded = Assert.IsType<IncidentRecorded>(Assert.Single(Assert.IsType<Decision.Accepted>(IncidentDecider.Decide(shelling, null, Hub, [])).Events).Event);
        Assert.Equal((0, 2), (recorded.Killed, recorded.Injured));
        Assert.Equal(RejectionKind.NotFound, Assert.IsType<Decision.Rejected>(IncidentDecider.Decide(shelling, null, null, [])).Rejections[0].Kind);
    }
}
