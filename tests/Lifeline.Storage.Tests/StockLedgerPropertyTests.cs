using FsCheck;
using FsCheck.Fluent;
using Lifeline.Domain.Commodities;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Incidents;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Stock;
using Lifeline.Storage.Commodities;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Stock;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Tests;

/// <summary>
/// Random scripts of stock and movement commands through the real store. Whatever was accepted or refused, the
/// lot balances the projection keeps equal what the log's events add up to, never went negative at any point,
/// and the cargo in transit is exactly what departed and has not been delivered or written off.
/// </summary>
public class StockLedgerPropertyTests
{
    private static readonly DateTimeOffset Now = new(2020, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Lots = [string.Empty, "B-7"];

    [Fact]
    public void Any_sequence_of_accepted_commands_keeps_the_ledger_balanced_non_negative_and_transit_owned_by_movements()
    {
        var script = Gen.Choose(0, int.MaxValue).ArrayOf().Select(a => a.Take(60).ToArray()).ToArbitrary();
        Prop.ForAll(script, Holds).Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    private static bool Holds(int[] script)
    {
        using var fixture = new StoreFixture();
        var store = fixture.Store;
        var operation = fixture.NewOperation();
        var sites = new[] { Site(store, operation, "Hub", 36.1), Site(store, operation, "Warehouse", 36.2) };
        var commodities = new[] { Commodity(store, operation, "FLOUR", "food", false), Commodity(store, operation, "KIT", "medical", true) };
        var departed = new List<(MovementId Id, bool Air)>();

        foreach (var word in script)
        {
            var site = sites[word & 1];
            var commodity = commodities[(word >> 1) & 1];
            var lot = commodity.LotTracked ? "K" + Lots[(word >> 2) & 1] : Lots[(word >> 2) & 1];
            var amount = ((word >> 3) % 400) + 1;
            switch ((word >> 12) % 8)
            {
                case 0 or 1:
                    Run(store, ReceiveStock.From(operation, site.Value, commodity.Id.Value, lot, new DateOnly(2030, 1, 1), amount, "donor", Now, new Validation())!);
                    break;
                case 2:
                    Run(store, IssueStock.From(operation, site.Value, commodity.Id.Value, lot, amount, "distribution", Now, new Validation())!);
                    break;
                case 3:
                    var correction = (word >> 20) % 3 == 0;
                    Run(store, AdjustStock.From(operation, site.Value, commodity.Id.Value, lot, correction ? amount : -amount, correction ? "count_correction" : "damage", null, Now, new Validation())!);
                    break;
                case 4:
                    Run(store, HoldLot.From(operation, site.Value, commodity.Id.Value, lot, (word >> 20) % 2 == 0, "test", new Validation())!);
                    break;
                case 5:
                    if (Depart(store, operation, site, sites[1 - (word & 1)], commodity, lot, amount, (word >> 20) % 2 == 0) is { } movement)
                    {
                        departed.Add(movement);
                    }

                    break;
                case 6 when departed.Count > 0:
                    var delivered = departed[(word >> 16) % departed.Count];
                    Run(store, ChangeMovementStatus.From(operation, delivered.Id, "arrived", null, new Validation())!);
                    var cargo = store.Read(s => StockProjection.InTransit(s, delivered.Id));
                    var lines = cargo.Select(c => new DeliveryLineInput(c.ManifestId, c.Line, Math.Max(0, c.Quantity - (amount % 5)), amount % 3, "counted on arrival")).ToList();
                    if (lines.Count > 0)
                    {
                        Run(store, RecordDelivery.From(operation, delivered.Id, "storekeeper", lines, Now, new Validation())!);
                    }

                    break;
                case 7 when departed.Count > 0:
                    var lost = departed[(word >> 16) % departed.Count];
                    Run(store, RecordIncident.From(operation, IncidentId.New(TimeProvider.System), "aircraft_lost", Now, lost.Id.Value, null, null, null, null, 0, 0, "lost", null, new Validation())!);
                    break;
            }
        }

        return Balanced(store, operation);
    }

    private static bool Balanced(LogStore store, OperationId operation)
    {
        var expected = new Dictionary<(Guid, Guid, string), decimal>();
        var transit = new Dictionary<(Guid, int), decimal>();
        var neverNegative = true;
        void Add(Guid site, Guid commodity, string lot, decimal change)
        {
            var after = expected.GetValueOrDefault((site, commodity, lot)) + change;
            expected[(site, commodity, lot)] = after;
            neverNegative &= after >= 0;
        }

        foreach (var entry in store.Read(s => LogReader.Entries(s, operation.Value).ToList()))
        {
            switch (EventBodies.Read(entry))
            {
                case StockReceived r: Add(r.SiteId, r.CommodityId, r.Lot, r.Quantity); break;
                case StockIssued i: Add(i.SiteId, i.CommodityId, i.Lot, -i.Quantity); break;
                case StockAdjusted a: Add(a.SiteId, a.CommodityId, a.Lot, a.Change); break;
                case MovementDeparted d:
                    foreach (var c in d.Cargo)
                    {
                        Add(d.OriginSiteId, c.CommodityId, c.Lot, -c.Quantity);
                        transit[(c.ManifestId, c.Line)] = c.Quantity;
                    }

                    break;
                case DeliveryRecorded d:
                    foreach (var l in d.Lines)
                    {
                        Add(d.DestinationSiteId, l.CommodityId, l.Lot, l.Received);
                        neverNegative &= transit.Remove((l.ManifestId, l.Line));
                    }

                    break;
                case MovementLost l:
                    foreach (var c in l.WrittenOff)
                    {
                        neverNegative &= transit.Remove((c.ManifestId, c.Line));
                    }

                    break;
            }
        }

        var lots = store.Read(s => StockProjection.Lots(s, operation, includeEmpty: true))
            .ToDictionary(l => (l.SiteId.Value, l.CommodityId.Value, l.Lot), l => l.OnHand.Units);
        var nonZero = expected.Where(e => e.Value != 0).ToList();
        var inTransit = store.Read(s => StockProjection.InTransit(s, operation)).ToDictionary(t => (t.Cargo.ManifestId, t.Cargo.Line), t => t.Cargo.Quantity);
        Assert.True(neverNegative, "a lot went negative, or a line left transit twice");
        Assert.All(lots.Values, v => Assert.True(v >= 0));
        Assert.Equal(nonZero.OrderBy(e => e.Key).Select(e => $"{e.Key}={e.Value}"), lots.Where(l => l.Value != 0).OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}"));
        Assert.Equal(transit.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}"), inTransit.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}"));
        return true;
    }

    private static (MovementId, bool)? Depart(LogStore store, OperationId operation, SiteId origin, SiteId destination, Commodity commodity, string lot, int amount, bool air)
    {
        var movement = MovementId.New(TimeProvider.System);
        var plan = PlanMovement.From(operation, movement, air ? "air" : "road", origin.Value, destination.Value, Now, null, null, 2, air ? null : [new TruckInput("T1", 100_000, 500)], air ? new AircraftInput("Mi-8", "RA-1", 100_000, null) : null, null, new Validation())!;
        Run(store, plan);
        Run(store, ChangeMovementStatus.From(operation, movement, "approved", null, new Validation())!);
        Run(store, ChangeMovementStatus.From(operation, movement, "loading", null, new Validation())!);
        var manifest = RecordManifest.From(operation, ManifestId.New(TimeProvider.System), movement, air ? "RA-1" : "T1", [new ManifestLineInput(commodity.Id.Value, lot, amount)], new Validation())!;
        Run(store, manifest);
        return Run(store, new DepartMovement(operation, movement, Now)) ? (movement, air) : null;
    }

    private static bool Run(LogStore store, IOperationCommand command) =>
        store.Execute(new LogCommand(command, OccurredAt: Now), StoreFixture.Officer) is WriteOutcome.Recorded;

    private static SiteId Site(LogStore store, OperationId operation, string name, double latitude)
    {
        Assert.True(Run(store, StoreFixture.RegisterSite(operation, name, latitude).Command));
        return store.Read(s => SitesProjection.FindByName(s, operation, name))!.Id;
    }

    private static Commodity Commodity(LogStore store, OperationId operation, string code, string category, bool lotTracked)
    {
        var command = RegisterCommodity.From(operation, CommodityId.New(TimeProvider.System), code, code, category, "bag", 50, category == "food" ? 3600 : null, 0.07m, lotTracked, new Validation())!;
        Assert.True(Run(store, command));
        return store.Read(s => CommoditiesProjection.FindByCode(s, operation, code))!;
    }
}
