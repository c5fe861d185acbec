using Lifeline.Domain.Deciding;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Stock;
using Lifeline.Domain.Tests.Contracts;
using Lifeline.Log.Canonical;
using static Lifeline.Domain.Tests.Deciders.LogisticsFixtures;

namespace Lifeline.Domain.Tests.Deciders;

/// <summary>
/// Parse, don't validate: each line of a proof of delivery is parsed once, every field refused by name, into a
/// <see cref="DeliveryLine"/> of a manifest id and quantities; the decider decides from those alone.
/// </summary>
public class DeliveryLineTests
{
    private static readonly Guid Sealed = Guid.Parse("01900000-0000-7000-8000-0000000000e1");

    private static (T? Command, Validation Validation) Parse<T>(Func<Validation, T?> from)
    {
        var validation = new Validation();
        return (from(validation), validation);
    }

    private static RecordDelivery? Delivery(Validation validation, params DeliveryLineInput?[] lines) =>
        RecordDelivery.From(OperationDeciderTests.Id, SortieId, "storekeeper", lines, Morning, validation);

    [Fact]
    public void A_missing_or_malformed_delivery_field_is_refused_naming_its_line_and_field()
    {
        var (command, validation) = Parse(v => Delivery(
            v,
            new DeliveryLineInput(null, 1, 40, 0, null),
            new DeliveryLineInput(Sealed, null, 40, 0, null),
            new DeliveryLineInput(Sealed, 3, null, 0, null),
            new DeliveryLineInput(Sealed, 4, -1, null, null),
            new DeliveryLineInput(Sealed, 5, 1.2345m, 0, null),
            new DeliveryLineInput(Sealed, 6, 40, 10_000_000_000m, null),
            new DeliveryLineInput(Sealed, 7, 40, 0, new string('x', 501))));

        Assert.Null(command);
        Assert.Equal(
            [
                ("lines[0].manifestId", "input.required"),
                ("lines[1].line", "input.required"),
                ("lines[2].received", "delivery.quantity-shape"),
                ("lines[3].received", "delivery.quantity-shape"),
                ("lines[4].received", "delivery.quantity-shape"),
                ("lines[5].damaged", "input.too-many"),
                ("lines[6].reason", "input.too-long"),
            ],
            validation.Rejections.Select(r => (r.Field, r.Code)));
    }

    [Fact]
    public void A_delivery_line_left_out_of_the_list_is_refused_by_its_place_instead_of_failing()
    {
        var (command, validation) = Parse(v => Delivery(v, new DeliveryLineInput(Sealed, 1, 40, 0, null), null));

        Assert.Null(command);
        Assert.Equal(("lines[1]", "input.required"), (Assert.Single(validation.Rejections).Field, validation.Rejections[0].Code));
    }

    [Fact]
    public void A_parsed_delivery_line_carries_the_manifest_id_quantities_and_trimmed_reason()
    {
        var command = Parse(v => Delivery(v, new DeliveryLineInput(Sealed, 2, 37.500m, null, "  wet bag  "), new DeliveryLineInput(Sealed, 3, 0, 4, null))).Command!;

        Assert.Equal<DeliveryLine>(
            [new DeliveryLine(new ManifestId(Sealed), 2, Q(37.5m), Quantity.Zero, "wet bag"), new DeliveryLine(new ManifestId(Sealed), 3, Quantity.Zero, Q(4), "")],
            command.Lines);
    }

    [Fact]
    public void The_delivery_decider_decides_from_parsed_lines_alone()
    {
        // Given an arrived sortie with two lines in transit
        CargoLine[] inTransit = [new(Sealed, 1, Flour.Id.Value, "", null, 40), new(Sealed, 2, Kit.Id.Value, "TK-1", null, 5)];

        // When the command is built from typed lines, with no request behind it
        var command = new RecordDelivery(OperationDeciderTests.Id, SortieId, "storekeeper", [new DeliveryLine(new ManifestId(Sealed), 1, Q(37), Q(1), "wet bag; two missing"), new DeliveryLine(new ManifestId(Sealed), 2, Q(5), Quantity.Zero, "")], Morning);
        var accepted = Assert.IsType<Decision.Accepted>(DeliveryDecider.Decide(command, Sortie(MovementStatus.Arrived), inTransit));

        // Then each line is recorded against what departed
        Assert.Equal<DeliveredLine>(
            [
                new DeliveredLine(Sealed, 1, Flour.Id.Value, "", null, 40, 37, 1, 2, 0, "wet bag; two missing"),
                new DeliveredLine(Sealed, 2, Kit.Id.Value, "TK-1", null, 5, 5, 0, 0, 0, ""),
            ],
            Assert.IsType<DeliveryRecorded>(accepted.Events[0].Event).Lines);
    }

    [Fact]
    public void A_parsed_delivery_line_not_in_transit_or_stated_twice_is_refused_naming_it()
    {
        CargoLine[] inTransit = [new(Sealed, 1, Flour.Id.Value, "", null, 40)];
        var line = new DeliveryLine(new ManifestId(Sealed), 1, Q(40), Quantity.Zero, "");
        var command = new RecordDelivery(OperationDeciderTests.Id, SortieId, "storekeeper", [line, line with { Line = 9 }, line], Morning);

        var rejected = Assert.IsType<Decision.Rejected>(DeliveryDecider.Decide(command, Sortie(MovementStatus.Arrived), inTransit));

        Assert.Equal([("lines[1].line", "delivery.line-not-in-transit"), ("lines[2].line", "delivery.line-twice")], rejected.Rejections.Select(r => (r.Field, r.Code)));
    }

    [Fact]
    public void A_proof_of_delivery_parsed_and_decided_writes_the_golden_body()
    {
        var golden = Golden<DeliveryRecorded>();
        var convoy = Convoy(MovementStatus.Arrived) with { Id = new MovementId(golden.MovementId), OperationId = new OperationId(golden.OperationId), Destination = new SiteId(golden.DestinationSiteId) };
        var inTransit = golden.Lines.Select(l => new CargoLine(l.ManifestId, l.Line, l.CommodityId, l.Lot, l.Expiry, l.Departed)).ToList();

        // Amounts as a request may write them (trailing zeros), reasons with stray spaces.
        var stated = golden.Lines.Select(l => new DeliveryLineInput(l.ManifestId, l.Line, l.Received + 0.000m, l.Damaged == 0 ? null : l.Damaged + 0.0m, l.Reason.Length == 0 ? null : $" {l.Reason} ")).ToList();
        var command = RecordDelivery.From(convoy.OperationId, convoy.Id, golden.ReceivedBy, stated, Morning, new Validation())!;
        var decided = Assert.IsType<Decision.Accepted>(DeliveryDecider.Decide(command, convoy, inTransit)).Events[0].Event;

        Assert.Equal(Body(golden), Body(decided));
    }

    /// <summary>The event's sample, whose canonical body <see cref="GoldenEventBodyTests"/> holds to its golden file.</summary>
    private static T Golden<T>()
        where T : IDomainEvent => EventSamples.All.Select(s => s.Event).OfType<T>().Single();

    private static string Body(IDomainEvent domainEvent) => System.Text.Encoding.UTF8.GetString(CanonicalJson.Serialize(domainEvent, EventJson.Options));
}
