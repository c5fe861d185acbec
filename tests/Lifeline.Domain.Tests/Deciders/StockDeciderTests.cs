using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;
using Lifeline.Domain.Stock;
using static Lifeline.Domain.Tests.Deciders.LogisticsFixtures;

namespace Lifeline.Domain.Tests.Deciders;

public class StockDeciderTests
{
    private static ReceiveStock Receipt(Commodities.Commodity commodity, string? lot = null, DateOnly? expiry = null, decimal quantity = 100) =>
        ReceiveStock.From(OperationDeciderTests.Id, Hub.Id.Value, commodity.Id.Value, lot, expiry, quantity, "donor consignment", Morning, new Validation())!;

    private static IssueStock Issue(Commodities.Commodity commodity, string lot, decimal quantity) =>
        IssueStock.From(OperationDeciderTests.Id, Hub.Id.Value, commodity.Id.Value, lot, quantity, "Ramouseh distribution point", Morning, new Validation())!;

    [Fact]
    public void Given_a_known_site_and_commodity_when_stock_is_received_then_it_is_recorded_in_the_commodity_unit()
    {
        var accepted = Assert.IsType<Decision.Accepted>(StockDecider.Decide(Receipt(Flour, quantity: 120), Hub, Flour, null));

        var received = Assert.IsType<StockReceived>(Assert.Single(accepted.Events).Event);
        Assert.Equal(120m, received.Quantity);
        Assert.Equal("donor consignment", received.Source);
        Assert.Equal($"stock/{Hub.Id}", accepted.Events[0].Stream);
    }

    [Fact]
    public void A_lot_tracked_commodity_needs_its_lot_number_and_expiry()
    {
        var rejected = Assert.IsType<Decision.Rejected>(StockDecider.Decide(Receipt(Kit), Hub, Kit, null));

        Assert.Equal(["lot", "expiry"], rejected.Rejections.Select(r => r.Field));
        Assert.Contains("lot-tracked", rejected.Rejections[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_lot_received_again_with_another_expiry_is_a_conflict()
    {
        var existing = Lot(Kit, "TK-1", 10, new DateOnly(2018, 3, 31));

        var rejected = Assert.IsType<Decision.Rejected>(StockDecider.Decide(Receipt(Kit, "TK-1", new DateOnly(2019, 1, 1)), Hub, Kit, existing));

        Assert.Equal(RejectionKind.Conflict, rejected.Rejections[0].Kind);
        Assert.Contains("expires on 2018-03-31, not 2019-01-01", rejected.Rejections[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_site_receives_nothing_and_an_unknown_commodity_is_not_found()
    {
        var closed = Hub with { Status = SiteStatus.Closed };

        Assert.Equal("siteId", Assert.IsType<Decision.Rejected>(StockDecider.Decide(Receipt(Flour), closed, Flour, null)).Rejections[0].Field);
        Assert.Equal(RejectionKind.NotFound, Assert.IsType<Decision.Rejected>(StockDecider.Decide(Receipt(Flour), Hub, null, null)).Rejections[0].Kind);
    }

    [Fact]
    public void An_issue_of_more_than_is_on_hand_is_refused_saying_the_stock_would_go_negative()
    {
        var rejected = Assert.IsType<Decision.Rejected>(StockDecider.Decide(Issue(Flour, "", 41), Hub, Flour, Lot(Flour, "", 40), Day));

        Assert.Equal("quantity", rejected.Rejections[0].Field);
        Assert.Contains("would go negative: 40 bag (2,000 kg) on hand, 41 bag (2,050 kg) wanted", rejected.Rejections[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_issue_of_exactly_what_is_on_hand_is_accepted()
    {
        var accepted = Assert.IsType<Decision.Accepted>(StockDecider.Decide(Issue(Flour, "", 40), Hub, Flour, Lot(Flour, "", 40), Day));

        Assert.Equal(40m, Assert.IsType<StockIssued>(accepted.Events[0].Event).Quantity);
    }

    [Fact]
    public void Expired_and_quarantined_lots_cannot_be_issued()
    {
        var expired = StockDecider.Decide(Issue(Kit, "TK-1", 1), Hub, Kit, Lot(Kit, "TK-1", 10, new DateOnly(2016, 7, 28)), Day);
        var held = StockDecider.Decide(Issue(Kit, "TK-1", 1), Hub, Kit, Lot(Kit, "TK-1", 10, new DateOnly(2018, 1, 1), quarantined: true), Day);
        var lastDay = StockDecider.Decide(Issue(Kit, "TK-1", 1), Hub, Kit, Lot(Kit, "TK-1", 10, Day), Day);

        Assert.Contains("expired on 2016-07-28", Assert.IsType<Decision.Rejected>(expired).Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("quarantined (water damage suspected)", Assert.IsType<Decision.Rejected>(held).Rejections[0].Reason, StringComparison.Ordinal);
        Assert.IsType<Decision.Accepted>(lastDay);
    }

    [Fact]
    public void Damage_loss_theft_and_expiry_take_stock_out_and_only_a_count_correction_may_add()
    {
        var validation = new Validation();
        Assert.Null(AdjustStock.From(OperationDeciderTests.Id, Hub.Id.Value, Flour.Id.Value, "", 5, "theft", null, Morning, validation));
        Assert.Contains("theft takes stock out", validation.Rejections[0].Reason, StringComparison.Ordinal);

        var found = AdjustStock.From(OperationDeciderTests.Id, Hub.Id.Value, Flour.Id.Value, "", 5, "count_correction", "recount", Morning, new Validation())!;
        var accepted = Assert.IsType<Decision.Accepted>(StockDecider.Decide(found, Hub, Flour, Lot(Flour, "", 40)));
        Assert.Equal(5m, Assert.IsType<StockAdjusted>(accepted.Events[0].Event).Change);
    }

    [Fact]
    public void An_adjustment_below_zero_is_refused()
    {
        var damaged = AdjustStock.From(OperationDeciderTests.Id, Hub.Id.Value, Flour.Id.Value, "", -41, "damage", "rain", Morning, new Validation())!;

        var rejected = Assert.IsType<Decision.Rejected>(StockDecider.Decide(damaged, Hub, Flour, Lot(Flour, "", 40)));

        Assert.Equal("change", rejected.Rejections[0].Field);
        Assert.Contains("would go negative", rejected.Rejections[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lot_is_quarantined_once_and_released_once()
    {
        var hold = HoldLot.From(OperationDeciderTests.Id, Hub.Id.Value, Kit.Id.Value, "TK-1", true, "cold chain broken", new Validation())!;
        var release = HoldLot.From(OperationDeciderTests.Id, Hub.Id.Value, Kit.Id.Value, "TK-1", false, "checked", new Validation())!;
        var open = Lot(Kit, "TK-1", 10, new DateOnly(2018, 1, 1));

        Assert.IsType<LotQuarantined>(Assert.IsType<Decision.Accepted>(StockDecider.Decide(hold, Hub, Kit, open)).Events[0].Event);
        Assert.Equal(RejectionKind.Conflict, Assert.IsType<Decision.Rejected>(StockDecider.Decide(release, Hub, Kit, open)).Rejections[0].Kind);
        Assert.IsType<LotReleased>(Assert.IsType<Decision.Accepted>(StockDecider.Decide(release, Hub, Kit, open with { Quarantined = true })).Events[0].Event);
    }

    [Fact]
    public void A_daily_need_is_positive_and_set_for_a_known_site_and_commodity()
    {
        var validation = new Validation();
        Assert.Null(SetDailyNeed.From(OperationDeciderTests.Id, Hub.Id.Value, Flour.Id.Value, -1, validation));
        Assert.Equal("quantityPerDay", validation.Rejections[0].Field);

        var need = SetDailyNeed.From(OperationDeciderTests.Id, Hub.Id.Value, Flour.Id.Value, 20, new Validation())!;
        Assert.Equal(20m, Assert.IsType<DailyNeedSet>(Assert.IsType<Decision.Accepted>(StockDecider.Decide(need, Hub, Flour)).Events[0].Event).QuantityPerDay);
        Assert.Equal("siteId", Assert.IsType<Decision.Rejected>(StockDecider.Decide(need, null, Flour)).Rejections[0].Field);
    }

    [Fact]
    public void Quantities_are_positive_and_counted_to_a_thousandth()
    {
        var validation = new Validation();

        Assert.Null(ReceiveStock.From(OperationDeciderTests.Id, Hub.Id.Value, Flour.Id.Value, null, null, 1.0005m, "donor", Morning, validation));
        Assert.Null(IssueStock.From(OperationDeciderTests.Id, Hub.Id.Value, Flour.Id.Value, null, 0, "x", Morning, validation));
        Assert.Equal(["quantity", "quantity"], validation.Rejections.Select(r => r.Field));
    }

    [Fact]
    public void Picking_suggests_the_lots_that_expire_first_and_skips_expired_and_quarantined_ones()
    {
        var lots = new[]
        {
            Lot(Kit, "LATE", 30, new DateOnly(2018, 1, 1)),
            Lot(Kit, "SOON", 10, new DateOnly(2016, 12, 31)),
            Lot(Kit, "GONE", 50, new DateOnly(2016, 7, 1)),
            Lot(Kit, "HELD", 50, new DateOnly(2016, 8, 1), quarantined: true),
            Lot(Kit, "UNDATED", 50),
        };

        var suggestion = Picking.Suggest(lots, Q(25), Day);
        var short_ = Picking.Suggest(lots, Q(100), Day);

        Assert.Equal([("SOON", 10m), ("LATE", 15m)], suggestion.Picks.Select(p => (p.Lot, p.Quantity.Units)));
        Assert.Equal(Quantity.Zero, suggestion.Shortfall);
        Assert.Equal(["SOON", "LATE", "UNDATED"], short_.Picks.Select(p => p.Lot));
        Assert.Equal(10m, short_.Shortfall.Units);
    }
}
