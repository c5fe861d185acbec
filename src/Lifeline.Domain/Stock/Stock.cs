using Lifeline.Domain.Commodities;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Stock;

/// <summary>Why stock was adjusted outside receipts, issues and movements.</summary>
public enum AdjustmentReason
{
    Damage,
    Loss,
    Theft,
    Expiry,
    CountCorrection,
}

public static class StockNames
{
    public static readonly IReadOnlyDictionary<string, AdjustmentReason> AdjustmentReasons = new Dictionary<string, AdjustmentReason>(StringComparer.OrdinalIgnoreCase)
    {
        ["damage"] = AdjustmentReason.Damage,
        ["loss"] = AdjustmentReason.Loss,
        ["theft"] = AdjustmentReason.Theft,
        ["expiry"] = AdjustmentReason.Expiry,
        ["count_correction"] = AdjustmentReason.CountCorrection,
    };

    public static string Name(this AdjustmentReason reason) => AdjustmentReasons.First(pair => pair.Value == reason).Key;

    /// <summary>A lot number: optional, trimmed, one line of at most 64 characters; no lot is the empty string.</summary>
    public static Validated<string> Lot(string? raw, string field)
    {
        var text = Check.OptionalText(raw, field, 64);
        return text.IsValid && text.Value.Any(char.IsControl)
            ? Reasons.Input.NotSingleLine.Invalid(field, ("field", field))
            : text;
    }

    public static string Describe(string lot) => lot.Length == 0 ? "(no lot)" : $"lot {lot}";
}

/// <summary>The stock of one lot of one commodity at one site, as the ledger stands.</summary>
public sealed record LotBalance(SiteId SiteId, CommodityId CommodityId, string Lot, DateOnly? Expiry, Quantity OnHand, bool Quarantined, string? QuarantineReason)
{
    public bool ExpiredOn(DateOnly day) => Expiry is { } expiry && expiry < day;
}

/// <summary>Stock arrived at a site from a donor or source: the one way stock enters the ledger from outside.</summary>
public sealed record StockReceived(Guid OperationId, Guid SiteId, Guid CommodityId, string Lot, DateOnly? Expiry, decimal Quantity, [PersonalData] string Source) : IDomainEvent;

/// <summary>Stock left a site's ledger to be handed out, e.g. to a distribution point's beneficiaries.</summary>
public sealed record StockIssued(Guid OperationId, Guid SiteId, Guid CommodityId, string Lot, decimal Quantity, [PersonalData] string IssuedTo) : IDomainEvent;

/// <summary>Stock was corrected for damage, loss, theft, expiry or a count; <see cref="Change"/> is signed.</summary>
public sealed record StockAdjusted(Guid OperationId, Guid SiteId, Guid CommodityId, string Lot, decimal Change, AdjustmentReason Reason, string Note) : IDomainEvent;

/// <summary>A lot may not be dispatched or issued until it is released.</summary>
public sealed record LotQuarantined(Guid OperationId, Guid SiteId, Guid CommodityId, string Lot, string Reason) : IDomainEvent;

public sealed record LotReleased(Guid OperationId, Guid SiteId, Guid CommodityId, string Lot, string Reason) : IDomainEvent;

/// <summary>What a site consumes per day of a commodity: the basis of days of supply.</summary>
public sealed record DailyNeedSet(Guid OperationId, Guid SiteId, Guid CommodityId, decimal QuantityPerDay) : IDomainEvent;

public sealed record ReceiveStock(OperationId OperationId, SiteId SiteId, CommodityId CommodityId, string Lot, DateOnly? Expiry, Quantity Quantity, string Source, DateTimeOffset At) : IOperationCommand
{
    public static ReceiveStock? From(OperationId operation, Guid? siteId, Guid? commodityId, string? lot, DateOnly? expiry, decimal? quantity, string? source, DateTimeOffset at, Validation validation)
    {
        var site = validation.Check(Check.Required(siteId, "siteId"));
        var commodity = validation.Check(Check.Required(commodityId, "commodityId"));
        var validLot = validation.Check(StockNames.Lot(lot, "lot"));
        var amount = validation.Check(Quantity.Positive(quantity, "quantity"));
        var validSource = validation.Check(Check.RequiredText(source, "source", 200));
        return validation.Failed ? null : new ReceiveStock(operation, new SiteId(site), new CommodityId(commodity), validLot, expiry, amount, validSource, at);
    }
}

public sealed record IssueStock(OperationId OperationId, SiteId SiteId, CommodityId CommodityId, string Lot, Quantity Quantity, string IssuedTo, DateTimeOffset At) : IOperationCommand
{
    public static IssueStock? From(OperationId operation, Guid? siteId, Guid? commodityId, string? lot, decimal? quantity, string? issuedTo, DateTimeOffset at, Validation validation)
    {
        var site = validation.Check(Check.Required(siteId, "siteId"));
        var commodity = validation.Check(Check.Required(commodityId, "commodityId"));
        var validLot = validation.Check(StockNames.Lot(lot, "lot"));
        var amount = validation.Check(Quantity.Positive(quantity, "quantity"));
        var to = validation.Check(Check.RequiredText(issuedTo, "issuedTo", 200));
        return validation.Failed ? null : new IssueStock(operation, new SiteId(site), new CommodityId(commodity), validLot, amount, to, at);
    }
}

public sealed record AdjustStock(OperationId OperationId, SiteId SiteId, CommodityId CommodityId, string Lot, Quantity Change, AdjustmentReason Reason, [OperationalNote] string Note, DateTimeOffset At) : IOperationCommand
{
    public static AdjustStock? From(OperationId operation, Guid? siteId, Guid? commodityId, string? lot, decimal? change, string? reason, string? note, DateTimeOffset at, Validation validation)
    {
        var site = validation.Check(Check.Required(siteId, "siteId"));
        var commodity = validation.Check(Check.Required(commodityId, "commodityId"));
        var validLot = validation.Check(StockNames.Lot(lot, "lot"));
        var validReason = validation.Check(Check.OneOf(reason, "reason", StockNames.AdjustmentReasons));
        var validNote = validation.Check(Check.OptionalText(note, "note", 500));
        Quantity amount = default;
        if (change is not { } value || value == 0)
        {
            validation.Add(Reasons.Stock.ChangeRequired.Invalid("change"));
        }
        else if (Quantity.Entered(value, "change") is { IsValid: false } refused)
        {
            validation.Add(refused.Rejection!);
        }
        else
        {
            amount = Quantity.FromUnits(value)!.Value;
            if (!validation.Failed && validReason != AdjustmentReason.CountCorrection && value > 0)
            {
                validation.Add(Reasons.Stock.ChangeMustBeNegative.Invalid("change", ("reason", Reasons.Term("adjustment-reason", validReason.Name())), ("value", value)));
            }
        }

        return validation.Failed ? null : new AdjustStock(operation, new SiteId(site), new CommodityId(commodity), validLot, amount, validReason, validNote, at);
    }
}

/// <summary>Quarantine (<see cref="Quarantine"/> true) or release a lot, with the reason.</summary>
public sealed record HoldLot(OperationId OperationId, SiteId SiteId, CommodityId CommodityId, string Lot, bool Quarantine, [OperationalNote] string Reason) : IOperationCommand
{
    public static HoldLot? From(OperationId operation, Guid? siteId, Guid? commodityId, string? lot, bool quarantine, string? reason, Validation validation)
    {
        var site = validation.Check(Check.Required(siteId, "siteId"));
        var commodity = validation.Check(Check.Required(commodityId, "commodityId"));
        var validLot = validation.Check(StockNames.Lot(lot, "lot"));
        var validReason = validation.Check(Check.RequiredText(reason, "reason", 500));
        return validation.Failed ? null : new HoldLot(operation, new SiteId(site), new CommodityId(commodity), validLot, quarantine, validReason);
    }
}

public sealed record SetDailyNeed(OperationId OperationId, SiteId SiteId, CommodityId CommodityId, Quantity PerDay) : IOperationCommand
{
    public static SetDailyNeed? From(OperationId operation, Guid? siteId, Guid? commodityId, decimal? perDay, Validation validation)
    {
        var site = validation.Check(Check.Required(siteId, "siteId"));
        var commodity = validation.Check(Check.Required(commodityId, "commodityId"));
        var amount = validation.Check(Quantity.Positive(perDay, "quantityPerDay"));
        return validation.Failed ? null : new SetDailyNeed(operation, new SiteId(site), new CommodityId(commodity), amount);
    }
}

/// <summary>
/// The stock ledger's rules. Every rule that takes stock out reads the lot's balance inside the write
/// transaction, so stock never goes negative however many requests race for the same lot.
/// </summary>
public static class StockDecider
{
    public static string Stream(SiteId site) => $"stock/{site}";

    public static Decision Decide(ReceiveStock command, Sites.Site? site, Commodity? commodity, LotBalance? existing)
    {
        if (Known(site, commodity) is { } missing)
        {
            return Decision.Reject(missing);
        }

        if (site!.Status == Sites.SiteStatus.Closed)
        {
            return Decision.Reject(Reasons.Stock.SiteClosed.Invalid("siteId", ("site", site.Name)));
        }

        var rejections = new List<Rejection>();
        if (commodity!.LotTracked && command.Lot.Length == 0)
        {
            rejections.Add(Reasons.Stock.LotRequired.Invalid("lot", ("commodity", commodity.Code)));
        }

        if (commodity.LotTracked && command.Expiry is null)
        {
            rejections.Add(Reasons.Stock.ExpiryRequired.Invalid("expiry", ("commodity", commodity.Code)));
        }

        if (existing is not null && existing.Expiry != command.Expiry)
        {
            rejections.Add(Reasons.Stock.ExpiryDiffers.Conflict("expiry", ("lot", Reasons.Phrases.LotOf(command.Lot)), ("commodity", commodity.Code), ("site", site.Name), ("expiry", Reasons.Phrases.DayOf(existing.Expiry)), ("given", Reasons.Phrases.DayOf(command.Expiry))));
        }

        if (existing is not null && TooMuch(existing, command.Quantity, "quantity", site, commodity) is { } tooMuch)
        {
            rejections.Add(tooMuch);
        }

        return rejections.Count > 0
            ? Decision.Reject(rejections)
            : Decision.Accept(new PendingEvent(Stream(command.SiteId), new StockReceived(command.OperationId.Value, command.SiteId.Value, command.CommodityId.Value, command.Lot, command.Expiry, command.Quantity.Units, command.Source)));
    }

    /// <param name="command">The issue.</param>
    /// <param name="site">The site issuing.</param>
    /// <param name="commodity">What is issued.</param>
    /// <param name="lot">The lot's balance at the site, if it has one.</param>
    /// <param name="day">The operation's local date when the issue happens, for expiry.</param>
    public static Decision Decide(IssueStock command, Sites.Site? site, Commodity? commodity, LotBalance? lot, DateOnly day)
    {
        if (Known(site, commodity) is { } missing)
        {
            return Decision.Reject(missing);
        }

        return Dispatchable(lot, site!, commodity!, command.Lot, command.Quantity, day, "quantity", "lot") is { } refused
            ? Decision.Reject(refused)
            : Decision.Accept(new PendingEvent(Stream(command.SiteId), new StockIssued(command.OperationId.Value, command.SiteId.Value, command.CommodityId.Value, command.Lot, command.Quantity.Units, command.IssuedTo)));
    }

    public static Decision Decide(AdjustStock command, Sites.Site? site, Commodity? commodity, LotBalance? lot)
    {
        if (Known(site, commodity) is { } missing)
        {
            return Decision.Reject(missing);
        }

        if (lot is null)
        {
            return Decision.Reject(Reasons.Stock.NoLotToAdjust.NotFound("lot", ("lot", Reasons.Phrases.LotOf(command.Lot)), ("commodity", commodity!.Code), ("site", site!.Name)));
        }

        if (TooMuch(lot, command.Change, "change", site!, commodity!) is { } tooMuch)
        {
            return Decision.Reject(tooMuch);
        }

        var after = lot.OnHand + command.Change;
        if (after < Quantity.Zero)
        {
            return Decision.Reject(Reasons.Stock.AdjustmentWouldGoNegative.Invalid("change", ("lot", Reasons.Phrases.LotOf(command.Lot)), ("commodity", commodity!.Code), ("site", site!.Name), ("onHand", Reasons.Phrases.AmountOf(lot.OnHand, commodity)), ("change", command.Change.Units)));
        }

        return Decision.Accept(new PendingEvent(Stream(command.SiteId), new StockAdjusted(command.OperationId.Value, command.SiteId.Value, command.CommodityId.Value, command.Lot, command.Change.Units, command.Reason, command.Note)));
    }

    /// <summary>
    /// Refuses an amount that would take a lot's stock on hand past <see cref="Quantity.Largest"/>, which its 64-bit
    /// sum cannot hold; only entries signed before the bounds at entry (docs/log.md, "Numbers") can bring a lot near it.
    /// </summary>
    private static Rejection? TooMuch(LotBalance lot, Quantity added, string field, Sites.Site site, Commodity commodity) =>
        lot.OnHand.WouldPassLargest(added)
            ? Reasons.Stock.OnHandTooLarge.Invalid(field, ("field", field), ("lot", Reasons.Phrases.LotOf(lot.Lot)), ("commodity", commodity.Code), ("site", site.Name), ("max", Quantity.Largest.Units), ("onHand", lot.OnHand.Units))
            : null;

    public static Decision Decide(HoldLot command, Sites.Site? site, Commodity? commodity, LotBalance? lot)
    {
        if (Known(site, commodity) is { } missing)
        {
            return Decision.Reject(missing);
        }

        if (lot is null)
        {
            return Decision.Reject(Reasons.Stock.LotNotFound.NotFound("lot", ("lot", Reasons.Phrases.LotOf(command.Lot)), ("commodity", commodity!.Code), ("site", site!.Name)));
        }

        if (lot.Quarantined == command.Quarantine)
        {
            return Decision.Reject((lot.Quarantined ? Reasons.Stock.AlreadyQuarantined : Reasons.Stock.AlreadyReleased).Conflict("lot", ("lot", Reasons.Phrases.LotOf(command.Lot)), ("commodity", commodity!.Code), ("site", site!.Name)));
        }

        IDomainEvent change = command.Quarantine
            ? new LotQuarantined(command.OperationId.Value, command.SiteId.Value, command.CommodityId.Value, command.Lot, command.Reason)
            : new LotReleased(command.OperationId.Value, command.SiteId.Value, command.CommodityId.Value, command.Lot, command.Reason);
        return Decision.Accept(new PendingEvent(Stream(command.SiteId), change));
    }

    public static Decision Decide(SetDailyNeed command, Sites.Site? site, Commodity? commodity) =>
        Known(site, commodity) is { } missing
            ? Decision.Reject(missing)
            : Decision.Accept(new PendingEvent(Stream(command.SiteId), new DailyNeedSet(command.OperationId.Value, command.SiteId.Value, command.CommodityId.Value, command.PerDay.Units)));

    /// <summary>
    /// Whether <paramref name="wanted"/> of a lot may leave a site on <paramref name="day"/>: the lot has that
    /// much on hand, is not quarantined and has not expired. Shared by issues, manifests and departures.
    /// </summary>
    public static Rejection? Dispatchable(LotBalance? lot, Sites.Site site, Commodity commodity, string lotNumber, Quantity wanted, DateOnly day, string quantityField, string lotField)
    {
        var what = Reasons.Phrases.LotAtSite(lotNumber, commodity.Code, site.Name);
        if (lot is null || lot.OnHand == Quantity.Zero)
        {
            return Reasons.Stock.NoneOnHand.Invalid(quantityField, ("what", what), ("wanted", Reasons.Phrases.AmountOf(wanted, commodity)));
        }

        if (lot.Quarantined)
        {
            return Reasons.Stock.LotQuarantined.Invalid(lotField, ("what", what), ("reason", lot.QuarantineReason ?? string.Empty));
        }

        if (lot.ExpiredOn(day))
        {
            return Reasons.Stock.LotExpired.Invalid(lotField, ("what", what), ("expiry", Reasons.Phrases.DayOf(lot.Expiry)));
        }

        return wanted > lot.OnHand
            ? Reasons.Stock.WouldGoNegative.Invalid(quantityField, ("what", what), ("onHand", Reasons.Phrases.AmountOf(lot.OnHand, commodity)), ("wanted", Reasons.Phrases.AmountOf(wanted, commodity)))
            : null;
    }

    private static Rejection? Known(Sites.Site? site, Commodity? commodity) =>
        site is null ? Reasons.Stock.SiteNotFound.NotFound("siteId")
        : commodity is null ? Reasons.Stock.CommodityNotFound.NotFound("commodityId")
        : null;
}
