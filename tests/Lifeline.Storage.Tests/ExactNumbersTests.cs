using Lifeline.Domain.Commodities;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Stock;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Reports;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Stock;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Tests;

/// <summary>
/// The largest numbers the bounds accept, through the real store on SQLite and on PostgreSQL: the log signs them
/// as entered, the projections and the report keep them exactly, and a rebuild from the log gives the same tables.
/// </summary>
public abstract class ExactNumbersContract : IDisposable
{
    private const decimal Largest = 9_999_999_999.999m;

    private readonly StoreFixture _fixture;
    private readonly OperationId _operation;
    private readonly SiteId _hub;
    private readonly SiteId _warehouse;
    private readonly CommodityId _heavy;
    private readonly CommodityId _tablet;

    protected ExactNumbersContract(StoreKind kind)
    {
        _fixture = new StoreFixture(kind);
        _operation = _fixture.NewOperation();
        _hub = Site("Hub");
        _warehouse = Site("Warehouse");

        // The heaviest unit the bounds allow, with the most energy and room; and the lightest.
        _heavy = Commodity("PREFAB-KITCHEN", "food", 100_000m, 9_000m, 1_000m);
        _tablet = Commodity("TABLET", "medical", 0.000001m, null, 0.000001m);
        Record(v => ReceiveStock.From(_operation, _hub.Value, _heavy.Value, null, null, Largest, "donor", Now, v));
        Record(v => ReceiveStock.From(_operation, _hub.Value, _tablet.Value, null, null, Largest, "donor", Now, v));
        Record(v => SetDailyNeed.From(_operation, _warehouse.Value, _heavy.Value, Largest, v));
    }

    public void Dispose() => _fixture.Dispose();

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private void Record<T>(Func<Validation, T?> parse, DateTimeOffset? at = null)
        where T : class, IOperationCommand
    {
        var validation = new Validation();
        var command = parse(validation) ?? throw new InvalidOperationException(string.Join("; ", validation.Rejections));
        var outcome = _fixture.Store.Execute(new LogCommand(command, OccurredAt: at), StoreFixture.Officer);
        Assert.True(outcome is WriteOutcome.Recorded, outcome.ToString());
    }

    private SiteId Site(string name)
    {
        _fixture.Store.Execute(StoreFixture.RegisterSite(_operation, name), StoreFixture.Officer);
        return _fixture.Store.Read(s => SitesProjection.FindByName(s, _operation, name))!.Id;
    }

    private CommodityId Commodity(string code, string category, decimal mass, decimal? kcal, decimal volume)
    {
        var id = new CommodityId(Guid.CreateVersion7());
        Record(
            v => RegisterCommodity.From(_operation, id, code, code, category, "piece", mass, kcal, volume, null, v));
        return id;
    }

    /// <summary>A convoy of one truck of the largest payload and volume, loaded with <paramref name="lines"/>, departed and arrived.</summary>
    private (MovementId Movement, ManifestId Manifest) Arrived(params ManifestLineInput[] lines)
    {
        var movement = new MovementId(Guid.CreateVersion7());
        var manifest = new ManifestId(Guid.CreateVersion7());
        Record(v => PlanMovement.From(_operation, movement, "road", _hub.Value, _warehouse.Value, Now, null, "road", 2, [new TruckInput("TRUCK-1", 1_000_000m, 10_000m)], null, null, v));
        foreach (var status in new[] { "approved", "loading" })
        {
            Record(v => ChangeMovementStatus.From(_operation, movement, status, null, v));
        }

        Record(v => RecordManifest.From(_operation, manifest, movement, "TRUCK-1", lines, v));
        Record(_ => new DepartMovement(_operation, movement, Now));
        Record(v => ChangeMovementStatus.From(_operation, movement, "arrived", null, v));
        return (movement, manifest);
    }

    private void DeliverOver(MovementId movement, ManifestId manifest, DateTimeOffset? at = null) =>
        Record(v => RecordDelivery.From(_operation, movement, "storekeeper", [new DeliveryLineInput(manifest.Value, 1, Largest, 0, "recounted on arrival")], Now, v), at);

    private SituationReport Sitrep() => _fixture.Store.Read(s =>
    {
        var operation = OperationsProjection.Find(s, _operation)!;
        var today = OperationsProjection.LocalDate(s, _operation.Value, Now);
        return SituationReports.Build(s, operation, today.AddDays(-1), today.AddDays(1));
    });

    /// <summary>The events of a type as the log's bodies read back, not as the deciders made them.</summary>
    private List<T> Bodies<T>() => _fixture.Store.Read(s => LogReader.AllEntries(s).ToList()).Select(EventBodies.Read).OfType<T>().ToList();

    [SkippableFact]
    public void The_largest_accepted_numbers_are_signed_as_entered_kept_exactly_and_rebuilt_alike()
    {
        // 900 t and 9,000 m3 of the heaviest, then a billion tablets: 9,999.999999999 m3 in all, at the last digit.
        var (movement, manifest) = Arrived(new ManifestLineInput(_heavy.Value, null, 9), new ManifestLineInput(_tablet.Value, null, 999_999_999.999m));
        Record(v => RecordDelivery.From(_operation, movement, "storekeeper", [new DeliveryLineInput(manifest.Value, 1, Largest, 0, "recounted on arrival"), new DeliveryLineInput(manifest.Value, 2, 999_999_999.998m, 0.001m, "one crushed")], Now, v));
        Record(v => CorrectManifest.From(_operation, new ManifestId(Guid.CreateVersion7()), manifest.Value, [new ManifestLineInput(_heavy.Value, null, 10)], "a tenth unit was loaded after sealing", v));
        Record(v => RecordInspection.From(_operation, new InspectionId(Guid.CreateVersion7()), manifest.Value, "Observer mission", "differs", [new InspectedLineInput(2, null, null, Largest, null)], null, v));

        Assert.Equal([Largest, Largest], Bodies<StockReceived>().Select(r => r.Quantity));
        Assert.Equal([100_000m, 0.000001m], Bodies<CommodityRegistered>().Select(c => c.MassPerUnitKg));
        var recorded = Assert.Single(Bodies<ManifestRecorded>());
        Assert.Equal((901_000m, 9_999.999999999m), (recorded.TotalMassKg, recorded.TotalVolumeM3));
        Assert.Equal((1_000_000m, 10_000m), Bodies<ManifestCorrected>().Select(c => (c.TotalMassKg, c.TotalVolumeM3)).Single());
        Assert.Equal((Largest - 9, 0m), Bodies<DeliveryRecorded>().Select(d => (d.Lines[0].Over, d.Lines[1].Short)).Single());

        var atWarehouse = _fixture.Store.Read(s => StockProjection.Lots(s, _operation, _warehouse)).ToDictionary(l => l.CommodityId);
        Assert.Equal(Largest, atWarehouse[_heavy].OnHand.Units);
        Assert.Equal(999_999_999.998m, atWarehouse[_tablet].OnHand.Units);
        var report = Sitrep();
        Assert.Equal(999_999_999_999.9m, report.ByCategory.Single(c => c.Key == "food").Delivered);
        Assert.Equal(8_999_999_999_999_100_000m, report.Food.KcalDelivered);
        var stock = Assert.Single(report.StockOnHand, l => l.CommodityId == _heavy.Value && l.SiteId == _warehouse.Value);
        Assert.Equal((Largest, 999_999_999_999_900m, 1.0m), (stock.Quantity, stock.Kilograms, stock.DaysOfSupply));

        var incremental = _fixture.DumpProjections();
        _fixture.Store.Rebuild();

        Assert.Equal(incremental, _fixture.DumpProjections());
        Assert.True(_fixture.Verify().Succeeded);
    }

    [SkippableFact]
    public void A_delivery_that_would_take_a_days_sum_past_64_bits_fails_and_leaves_the_sum_as_it_was()
    {
        var first = Arrived(new ManifestLineInput(_heavy.Value, null, 1));
        var second = Arrived(new ManifestLineInput(_heavy.Value, null, 1));
        DeliverOver(first.Movement, first.Manifest);
        var entries = _fixture.EntryCount();

        // Each delivery brings 9.0e18 kcal of food, which fits 64 bits once, not twice.
        Assert.ThrowsAny<Exception>(() => DeliverOver(second.Movement, second.Manifest));

        Assert.Equal(entries, _fixture.EntryCount());
        Assert.Equal(8_999_999_999_999_100_000m, Sitrep().Food.KcalDelivered);
    }

    [SkippableFact]
    public void A_report_over_days_whose_sums_pass_64_bits_adds_them_exactly()
    {
        var first = Arrived(new ManifestLineInput(_heavy.Value, null, 1));
        var second = Arrived(new ManifestLineInput(_heavy.Value, null, 1));

        DeliverOver(first.Movement, first.Manifest);
        DeliverOver(second.Movement, second.Manifest, Now.AddDays(1));

        var food = Sitrep().Food;
        Assert.Equal(17_999_999_999_998_200_000m, food.KcalDelivered);
        Assert.Equal(decimal.Floor(17_999_999_999_998_200_000m / 2100), food.PersonDays);
        Assert.Equal(1_999_999_999_999.8m, Sitrep().Total.Delivered);
    }
}

public sealed class SqliteExactNumbersTests() : ExactNumbersContract(StoreKind.Sqlite);

public sealed class PostgresExactNumbersTests() : ExactNumbersContract(StoreKind.Postgres);
