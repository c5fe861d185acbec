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
}
