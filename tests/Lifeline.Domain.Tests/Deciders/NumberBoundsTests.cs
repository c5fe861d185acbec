using Lifeline.Domain.Commodities;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Stock;
using static Lifeline.Domain.Tests.Deciders.LogisticsFixtures;

namespace Lifeline.Domain.Tests.Deciders;

/// <summary>Numbers are bounded where they enter, so that what the log signs is exactly what was entered.</summary>
public class NumberBoundsTests
{
    private const decimal LargestQuantity = 9_999_999_999.999m;

    private static (T? Command, Validation Validation) Parse<T>(Func<Validation, T?> from)
    {
        var validation = new Validation();
        return (from(validation), validation);
    }

    private static ReceiveStock? Receipt(Validation validation, decimal quantity) =>
        ReceiveStock.From(OperationDeciderTests.Id, Hub.Id.Value, Flour.Id.Value, null, null, quantity, "donor", Morning, validation);

    private static RegisterCommodity? Commodity(Validation validation, decimal mass = 50m, decimal? kcal = 3640m, decimal? volume = 0.07m) =>
        RegisterCommodity.From(OperationDeciderTests.Id, new CommodityId(Guid.NewGuid()), "FLOUR", "Wheat flour", "food", "bag", mass, kcal, volume, null, validation);

    [Theory]
    [InlineData("2305843009213693.951")]
    [InlineData("10000000000")]
    [InlineData("79228162514264337593543950335")]
    public void A_receipt_past_the_largest_quantity_is_refused_naming_the_quantity(string quantity)
    {
        var (command, validation) = Parse(v => Receipt(v, decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Null(command);
        var rejection = Assert.Single(validation.Rejections);
        Assert.Equal(("quantity", "input.too-many"), (rejection.Field, rejection.Code));
        Assert.Equal($"quantity must be at most 9,999,999,999.999, got {quantity}", rejection.Reason);
    }

    [Fact]
    public void The_largest_quantity_is_received_and_recorded_as_entered()
    {
        var accepted = Assert.IsType<Decision.Accepted>(StockDecider.Decide(Parse(v => Receipt(v, LargestQuantity)).Command!, Hub, Flour, null));

        Assert.Equal(LargestQuantity, Assert.IsType<StockReceived>(accepted.Events[0].Event).Quantity);
    }

    [Fact]
    public void Issues_adjustments_daily_needs_and_manifest_lines_are_held_to_the_same_bound()
    {
        var at = OperationDeciderTests.Id;
        var issue = Parse(v => IssueStock.From(at, Hub.Id.Value, Flour.Id.Value, null, 10_000_000_000m, "x", Morning, v)).Validation;
        var adjustment = Parse(v => AdjustStock.From(at, Hub.Id.Value, Flour.Id.Value, null, -10_000_000_000m, "loss", null, Morning, v)).Validation;
        var need = Parse(v => SetDailyNeed.From(at, Hub.Id.Value, Flour.Id.Value, 10_000_000_000m, v)).Validation;
        var manifest = Parse(v => RecordManifest.From(at, new ManifestId(Guid.NewGuid()), SortieId, "RA-24531", [new ManifestLineInput(Flour.Id.Value, null, 10_000_000_000m)], v)).Validation;

        Assert.Equal(["quantity", "change", "quantityPerDay", "lines[0].quantity"], new[] { issue, adjustment, need, manifest }.Select(v => Assert.Single(v.Rejections).Field));
        Assert.All(new[] { issue, adjustment, need, manifest }, v => Assert.Equal("input.too-many", v.Rejections[0].Code));
        Assert.NotNull(AdjustStock.From(at, Hub.Id.Value, Flour.Id.Value, null, -LargestQuantity, "loss", null, Morning, new Validation()));
    }

    [Fact]
    public void What_a_delivery_states_and_an_inspector_finds_is_held_to_the_bound_too()
    {
        var delivery = Parse(v => RecordDelivery.From(OperationDeciderTests.Id, SortieId, "storekeeper", [new DeliveryLineInput(Guid.NewGuid(), 1, LargestQuantity, 10_000_000_000m, "count")], Morning, v)).Validation;
        var inspection = Parse(v => RecordInspection.From(OperationDeciderTests.Id, new InspectionId(Guid.NewGuid()), Guid.NewGuid(), "Observer mission", "differs", [new InspectedLineInput(1, null, null, 2305843009213693.951m, null)], null, v)).Validation;

        Assert.Equal(("lines[0].damaged", "input.too-many"), (Assert.Single(delivery.Rejections).Field, delivery.Rejections[0].Code));
        Assert.Equal(("differences[0].found", "input.too-many"), (Assert.Single(inspection.Rejections).Field, inspection.Rejections[0].Code));
    }

    [Fact]
    public void A_delivery_of_the_largest_quantities_records_its_over_exactly()
    {
        CargoLine[] inTransit = [new(Guid.NewGuid(), 1, Flour.Id.Value, "", null, 0.001m)];
        var command = RecordDelivery.From(OperationDeciderTests.Id, SortieId, "storekeeper", [new DeliveryLineInput(inTransit[0].ManifestId, 1, LargestQuantity, LargestQuantity, "recount")], Morning, new Validation())!;

        var line = Assert.IsType<DeliveryRecorded>(Assert.IsType<Decision.Accepted>(DeliveryDecider.Decide(command, Sortie(MovementStatus.Arrived), inTransit)).Events[0].Event).Lines[0];

        Assert.Equal(19_999_999_999.997m, line.Over);
        Assert.True(EventJson.IsExact(line.Over));
    }

    [Theory]
    [InlineData("0.0000001", "massPerUnitKg", "input.too-fine")]
    [InlineData("79228162514264337593543950335", "massPerUnitKg", "input.too-large")]
    [InlineData("100000.5", "massPerUnitKg", "input.too-large")]
    public void A_mass_per_unit_finer_than_a_milligram_or_past_100_tonnes_is_refused(string mass, string field, string code)
    {
        var (command, validation) = Parse(v => Commodity(v, mass: decimal.Parse(mass, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Null(command);
        Assert.Equal((field, code), (Assert.Single(validation.Rejections).Field, validation.Rejections[0].Code));
    }

    [Fact]
    public void A_mass_per_unit_is_recorded_to_the_milligram_and_an_amount_of_it_weighs_to_the_gram()
    {
        var command = Parse(v => Commodity(v, mass: 0.000001m)).Command!;

        var registered = Assert.IsType<CommodityRegistered>(Assert.IsType<Decision.Accepted>(CommodityDecider.Decide(command, OperationDeciderTests.Aleppo, null)).Events[0].Event);

        Assert.Equal(0.000001m, registered.MassPerUnitKg);
        Assert.Equal(0.001m, Quantity.FromUnits(1_000m)!.Value.MassAt(registered.MassPerUnitKg).Kilograms);
        Assert.Equal(100_000m, Parse(v => Commodity(v, mass: 100_000m)).Command!.MassPerUnit.Kilograms);
    }

    [Fact]
    public void A_volume_or_energy_finer_than_its_step_or_past_its_largest_is_refused_naming_it()
    {
        var volume = Parse(v => Commodity(v, volume: 0.0000001m)).Validation;
        var huge = Parse(v => Commodity(v, volume: 1_000.000001m)).Validation;
        var kcal = Parse(v => Commodity(v, kcal: 3640.0001m)).Validation;

        Assert.Equal(("volumePerUnitM3", "input.too-fine"), (Assert.Single(volume.Rejections).Field, volume.Rejections[0].Code));
        Assert.Equal(("volumePerUnitM3", "input.too-large"), (Assert.Single(huge.Rejections).Field, huge.Rejections[0].Code));
        Assert.Equal(("kcalPerKg", "input.too-fine"), (Assert.Single(kcal.Rejections).Field, kcal.Rejections[0].Code));
    }

    [Fact]
    public void Payloads_volumes_and_deratings_are_bounded_naming_the_vehicle_field()
    {
        var validation = new Validation();

        PlanMovement.From(
            OperationDeciderTests.Id, SortieId, "air", Hub.Id.Value, Helipad.Id.Value, Morning, null, "direct", 5, null,
            new AircraftInput("An-225", "UR-82060", 1_000_000.001m, 1_220.0001m), new DeratingInput(12.345m, 15, 0), validation);
        var convoy = Parse(v => PlanMovement.From(
            OperationDeciderTests.Id, ConvoyId, "road", Hub.Id.Value, Helipad.Id.Value, Morning, null, "road", 2,
            [new TruckInput("KAMAZ-1", 10_000.0001m, 40_000m)], null, null, v)).Validation;

        Assert.Equal(
            [("aircraft.maxPayloadKg", "input.too-large"), ("aircraft.volumeM3", "input.too-fine"), ("derating.rangePercent", "input.too-fine")],
            validation.Rejections.Select(r => (r.Field, r.Code)));
        Assert.Equal([("trucks[0].payloadKg", "input.too-fine"), ("trucks[0].volumeM3", "input.too-large")], convoy.Rejections.Select(r => (r.Field, r.Code)));
    }

    [Fact]
    public void A_correction_heavier_or_bulkier_than_any_vehicle_carries_is_refused()
    {
        var heavy = Flour with { MassPerUnit = new UnitMass(100_000m), VolumePerUnitCubicMetres = 1_000m };
        var sealedOne = SealedManifest(SortieId, "RA-24531", new ManifestLine(Flour.Id.Value, "", 40));
        var correction = CorrectManifest.From(OperationDeciderTests.Id, new ManifestId(Guid.NewGuid()), sealedOne.Id.Value, [new ManifestLineInput(Flour.Id.Value, "", 10.001m)], "recount", new Validation())!;

        var refused = Assert.IsType<Decision.Rejected>(ManifestDecider.Decide(correction, sealedOne, new Dictionary<CommodityId, Commodity> { [Flour.Id] = heavy }));

        Assert.Equal([("lines", "manifest.too-heavy"), ("lines", "manifest.too-bulky")], refused.Rejections.Select(r => (r.Field, r.Code)));
        Assert.Equal("the manifest weighs 1,000,100 kg, more than the 1,000,000 kg any vehicle carries", refused.Rejections[0].Reason);
        Assert.IsType<Decision.Accepted>(ManifestDecider.Decide(correction with { Lines = [new ManifestLine(Flour.Id.Value, "", 10)] }, sealedOne, new Dictionary<CommodityId, Commodity> { [Flour.Id] = heavy }));
    }

    [Fact]
    public void A_manifest_for_a_vehicle_without_a_volume_is_held_to_the_largest_vehicle_volume()
    {
        var noVolume = Convoy() with { Vehicles = [new MovementVehicle("KAMAZ-1", null, 1_000_000m, null)] };
        var bulky = Flour with { VolumePerUnitCubicMetres = 1_000m };
        var command = RecordManifest.From(OperationDeciderTests.Id, new ManifestId(Guid.NewGuid()), ConvoyId, "KAMAZ-1", [new ManifestLineInput(Flour.Id.Value, "", 11)], new Validation())!;

        var refused = Assert.IsType<Decision.Rejected>(ManifestDecider.Decide(command, noVolume, Hub, null, new Dictionary<CommodityId, Commodity> { [Flour.Id] = bulky }, Lots(Lot(Flour, "", 20)), Day));

        Assert.Equal("the manifest fills 11,000 m3, more than the 10,000 m3 any vehicle holds", Assert.Single(refused.Rejections).Reason);
    }
}
