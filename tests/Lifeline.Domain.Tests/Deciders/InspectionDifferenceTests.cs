using Lifeline.Domain.Commodities;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Tests.Contracts;
using Lifeline.Log.Canonical;
using static Lifeline.Domain.Tests.Deciders.LogisticsFixtures;

namespace Lifeline.Domain.Tests.Deciders;

/// <summary>
/// Parse, don't validate: each difference an inspection states is parsed once, every field refused by name, into an
/// <see cref="InspectionDifference"/>: a line of the sealed manifest, or cargo not on it with its checked lot; the
/// decider decides from those alone.
/// </summary>
public class InspectionDifferenceTests
{
    private static readonly Guid Sealed = Guid.Parse("01900000-0000-7000-8000-0000000000e1");

    private static (T? Command, Validation Validation) Parse<T>(Func<Validation, T?> from)
    {
        var validation = new Validation();
        return (from(validation), validation);
    }

    private static RecordInspection? Inspection(Validation validation, params InspectedLineInput?[] differences) =>
        RecordInspection.From(OperationDeciderTests.Id, new InspectionId(Guid.NewGuid()), Sealed, "Observer mission", "differs", differences, null, validation);

    [Fact]
    public void A_missing_or_malformed_inspection_field_is_refused_naming_its_difference_and_field()
    {
        var (command, validation) = Parse(v => Inspection(
            v,
            new InspectedLineInput(null, null, null, 3, null),
            new InspectedLineInput(1, null, null, null, null),
            new InspectedLineInput(1, null, null, -1, null),
            new InspectedLineInput(1, null, null, 1.2345m, null),
            new InspectedLineInput(null, Kit.Id.Value, "TK\u00071", 3, null),
            new InspectedLineInput(1, null, null, 38, new string('x', 501))));

        Assert.Null(command);
        Assert.Equal(
            [
                ("differences[0].line", "inspection.line-or-commodity"),
                ("differences[1].found", "inspection.found-negative"),
                ("differences[2].found", "inspection.found-negative"),
                ("differences[3].found", "input.too-precise"),
                ("differences[4].lot", "input.not-single-line"),
                ("differences[5].note", "input.too-long"),
            ],
            validation.Rejections.Select(r => (r.Field, r.Code)));
    }

    [Fact]
    public void A_difference_left_out_of_the_list_is_refused_by_its_place_instead_of_failing()
    {
        var (command, validation) = Parse(v => Inspection(v, new InspectedLineInput(1, null, null, 38, null), null));

        Assert.Null(command);
        Assert.Equal(("differences[1]", "input.required"), (Assert.Single(validation.Rejections).Field, validation.Rejections[0].Code));
    }

    [Fact]
    public void A_parsed_difference_is_a_manifest_line_or_cargo_not_on_it_with_its_checked_lot_and_quantity()
    {
        var command = Parse(v => Inspection(
            v,
            new InspectedLineInput(2, Flour.Id.Value, " ignored ", 38.000m, null),
            new InspectedLineInput(null, Kit.Id.Value, "  TK-9 ", 3, " three kits more than sealed "))).Command!;

        Assert.Equal<InspectionDifference>(
            [new InspectionDifference.OnManifest(2, Q(38), ""), new InspectionDifference.NotOnManifest(Kit.Id, "TK-9", Q(3), "three kits more than sealed")],
            command.Differences);
    }

    [Fact]
    public void The_inspection_decider_decides_from_parsed_differences_alone()
    {
        // Given a sealed manifest of 40 bags of flour
        var sealedOne = SealedManifest(SortieId, "RA-24531", new ManifestLine(Flour.Id.Value, "", 40));

        // When the command is built from typed differences, with no request behind it
        var command = new RecordInspection(OperationDeciderTests.Id, new InspectionId(Guid.NewGuid()), sealedOne.Id, "Observer mission", InspectionFinding.Differs, [new InspectionDifference.OnManifest(1, Q(38), "two bags missing"), new InspectionDifference.NotOnManifest(Kit.Id, "TK-9", Q(3), "")], "");
        var accepted = Assert.IsType<Decision.Accepted>(ManifestDecider.Decide(command, sealedOne, Catalogue));

        // Then the manifest line brings its commodity, lot and quantity; the extra cargo its own
        Assert.Equal<InspectedLine>(
            [new InspectedLine(1, Flour.Id.Value, "", 40, 38, "two bags missing"), new InspectedLine(null, Kit.Id.Value, "TK-9", 0, 3, "")],
            Assert.IsType<InspectionRecorded>(accepted.Events[0].Event).Differences);
    }

    [Fact]
    public void A_parsed_difference_on_no_such_line_or_of_an_unknown_commodity_is_refused_naming_it()
    {
        var sealedOne = SealedManifest(SortieId, "RA-24531", new ManifestLine(Flour.Id.Value, "", 40));
        var command = new RecordInspection(OperationDeciderTests.Id, new InspectionId(Guid.NewGuid()), sealedOne.Id, "Observer mission", InspectionFinding.Differs, [new InspectionDifference.OnManifest(2, Q(38), ""), new InspectionDifference.NotOnManifest(new CommodityId(Guid.NewGuid()), "", Q(3), "")], "");

        var rejected = Assert.IsType<Decision.Rejected>(ManifestDecider.Decide(command, sealedOne, Catalogue));

        Assert.Equal([("differences[0].line", "inspection.no-such-line"), ("differences[1].commodityId", "commodity.not-found")], rejected.Rejections.Select(r => (r.Field, r.Code)));
    }

    [Fact]
    public void An_inspection_parsed_and_decided_writes_the_golden_body()
    {
        var golden = Golden<InspectionRecorded>();
        var onLine = golden.Differences.Single(d => d.Line is not null);
        var extra = golden.Differences.Single(d => d.Line is null);
        var manifest = new Manifest(new ManifestId(golden.ManifestId), new MovementId(golden.MovementId), "KAMAZ 13-41", [new ManifestLine(onLine.CommodityId, onLine.Lot, onLine.Manifested)], golden.ManifestHash, null);
        var catalogue = new Dictionary<CommodityId, Commodity> { [new CommodityId(extra.CommodityId)] = Kit with { Id = new CommodityId(extra.CommodityId) } };

        InspectedLineInput[] found = [new(1, null, null, onLine.Found + 0.00m, onLine.Note), new(null, extra.CommodityId, $" {extra.Lot}", extra.Found, $"{extra.Note} ")];
        var command = RecordInspection.From(new OperationId(golden.OperationId), new InspectionId(golden.InspectionId), golden.ManifestId, golden.Organisation, "differs", found, golden.Note, new Validation())!;
        var decided = Assert.IsType<Decision.Accepted>(ManifestDecider.Decide(command, manifest, catalogue)).Events[0].Event;

        Assert.Equal(Body(golden), Body(decided));
    }

    /// <summary>The event's sample, whose canonical body <see cref="GoldenEventBodyTests"/> holds to its golden file.</summary>
    private static T Golden<T>()
        where T : IDomainEvent => EventSamples.All.Select(s => s.Event).OfType<T>().Single();

    private static string Body(IDomainEvent domainEvent) => System.Text.Encoding.UTF8.GetString(CanonicalJson.Serialize(domainEvent, EventJson.Options));
}
