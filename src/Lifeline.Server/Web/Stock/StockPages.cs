using Lifeline.Domain.Commodities;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;
using Lifeline.Domain.Stock;
using Lifeline.Server.Access;
using Lifeline.Server.Web.Shared;
using Lifeline.Storage.Commodities;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Stock;
using Lifeline.Storage.Writing;
using Microsoft.AspNetCore.Mvc;

namespace Lifeline.Server.Web.Stock;

/// <summary>What the stock forms send (receive, issue, adjust, quarantine or release); each form fills its own fields.</summary>
public sealed class StockForm
{
    public string? SiteId { get; init; }

    public string? CommodityId { get; init; }

    public string? Lot { get; init; }

    public string? Expiry { get; init; }

    public string? Quantity { get; init; }

    public string? Source { get; init; }

    public string? IssuedTo { get; init; }

    /// <summary>An adjustment's signed change in the commodity's unit.</summary>
    public string? Change { get; init; }

    /// <summary>An adjustment's reason (damage, loss, …) or why a lot is quarantined or released.</summary>
    public string? Reason { get; init; }

    public string? Note { get; init; }

    /// <summary>When a receipt, issue or adjustment happened, in the operation's time zone; empty for now.</summary>
    public string? OccurredAt { get; init; }

    public string? IdempotencyKey { get; init; }
}

/// <summary>One lot on hand with its commodity, ready to show.</summary>
public sealed record LotRow(LotBalance Lot, Site? Site, Commodity Commodity)
{
    public Mass Mass => Lot.OnHand.MassOf(Commodity);
}

/// <summary>A FEFO picking suggestion for a site, commodity and quantity.</summary>
public sealed record PickingView(Guid SiteId, Guid CommodityId, decimal Wanted, Commodity Commodity, PickingSuggestion Suggestion);

/// <summary>What the stock page shows: the lots, the choices for its forms, and a picking suggestion when asked.</summary>
public sealed record StockView(IReadOnlyList<LotRow> Lots, IReadOnlyList<Site> Sites, IReadOnlyList<Site> IssueSites, IReadOnlyList<Commodity> Commodities, DateOnly Today, PickingView? Picking, Rejection? PickingError);

/// <summary>
/// Stock on hand by site, commodity and lot, with the forms to receive stock (logistics officers and
/// coordinators) and to issue it (also distribution officers, at their distribution points), and FEFO picking.
/// </summary>
public static class StockPages
{
    /// <summary>The prefix of the receive form's inputs.</summary>
    public const string Receive = "receive";

    /// <summary>The prefix of the issue form's inputs.</summary>
    public const string Issue = "issue";

    /// <summary>The prefix of the adjustment form's inputs.</summary>
    public const string Adjust = "adjust";

    /// <summary>The prefix of the quarantine and release form's inputs.</summary>
    public const string Hold = "hold";

    /// <summary>The prefix of the daily-need form's inputs.</summary>
    public const string Need = "need";

    public static IEndpointRouteBuilder MapStockPages(this IEndpointRouteBuilder app)
    {
        app.OperationPages(Policies.ReadOperation).MapGet("/stock", (Guid operationId, Guid? pickSite, Guid? pickCommodity, string? pickQuantity, HttpContext context, LogStore store) =>
        {
            var web = WebContext.For(context, operationId);
            return Render(web, store, null, null, null, (pickSite, pickCommodity, pickQuantity));
        });
        app.OperationPages(Policies.ManageStock).MapPost("/stock/receipts", ReceiveStockForm);
        app.OperationPages(Policies.IssueStock).MapPost("/stock/issues", IssueStockForm);
        app.OperationPages(Policies.ManageStock).MapPost("/stock/adjustments", AdjustStockForm);
        app.OperationPages(Policies.ManageStock).MapPost("/stock/daily-needs", DailyNeedForm);
        app.OperationPages(Policies.ManageStock).MapPost("/stock/quarantine", (Guid operationId, [FromForm] StockForm form, HttpContext context, LogStore store) => HoldLotForm(operationId, form, true, context, store));
        app.OperationPages(Policies.ManageStock).MapPost("/stock/release", (Guid operationId, [FromForm] StockForm form, HttpContext context, LogStore store) => HoldLotForm(operationId, form, false, context, store));
        return app;
    }

    private static async Task<IResult> AdjustStockForm(Guid operationId, [FromForm] StockForm form, HttpContext context, LogStore store, TimeProvider clock)
    {
        var web = WebContext.For(context, operationId);
        var operation = new OperationId(operationId);
        var unreadable = new List<Rejection>();
        var change = FormValues.Decimal(form.Change, "change", unreadable, "-3");
        var occurredAt = FormValues.Time(form.OccurredAt, web, "occurredAt", unreadable);
        var validation = new Validation();
        var command = AdjustStock.From(operation, Id(form.SiteId), Id(form.CommodityId), form.Lot?.Trim() ?? string.Empty, change, form.Reason, form.Note, occurredAt ?? clock.GetUtcNow(), validation);
        var outcome = unreadable.Count > 0 || command is null
            ? FormWrites.Invalid(unreadable, validation, f => Field(Adjust, f))
            : await FormWrites.Record(context, store, new { form.SiteId, form.CommodityId, form.Lot, change, form.Reason, form.Note, occurredAt }, command, form.IdempotencyKey, f => Field(Adjust, f), command.At);
        return Render(web, store, outcome, Adjust, outcome.Receipt is null ? form : null, default);
    }

    /// <summary>What a site consumes of a commodity per day, from which the situation report counts days of supply.</summary>
    private static async Task<IResult> DailyNeedForm(Guid operationId, [FromForm] StockForm form, HttpContext context, LogStore store)
    {
        var web = WebContext.For(context, operationId);
        var operation = new OperationId(operationId);
        var unreadable = new List<Rejection>();
        var perDay = FormValues.Decimal(form.Quantity, "quantityPerDay", unreadable, "500");
        var validation = new Validation();
        var command = SetDailyNeed.From(operation, Id(form.SiteId), Id(form.CommodityId), perDay, validation);
        var outcome = unreadable.Count > 0 || command is null
            ? FormWrites.Invalid(unreadable, validation, f => Field(Need, f))
            : await FormWrites.Record(context, store, new { form.SiteId, form.CommodityId, perDay }, command, form.IdempotencyKey, f => Field(Need, f));
        return Render(web, store, outcome, Need, outcome.Receipt is null ? form : null, default);
    }

    /// <summary>Quarantine or release a lot: one form, its two buttons posting to the API's two paths.</summary>
    private static async Task<IResult> HoldLotForm(Guid operationId, StockForm form, bool quarantine, HttpContext context, LogStore store)
    {
        var web = WebContext.For(context, operationId);
        var operation = new OperationId(operationId);
        var validation = new Validation();
        var command = HoldLot.From(operation, Id(form.SiteId), Id(form.CommodityId), form.Lot?.Trim() ?? string.Empty, quarantine, form.Reason, validation);
        var outcome = command is null
            ? FormWrites.Invalid(validation, f => Field(Hold, f))
            : await FormWrites.Record(context, store, new { form.SiteId, form.CommodityId, form.Lot, quarantine, form.Reason }, command, form.IdempotencyKey, f => Field(Hold, f));
        return Render(web, store, outcome, Hold, outcome.Receipt is null ? form : null, default);
    }

    private static async Task<IResult> ReceiveStockForm(Guid operationId, [FromForm] StockForm form, HttpContext context, LogStore store, TimeProvider clock)
    {
        var web = WebContext.For(context, operationId);
        var operation = new OperationId(operationId);
        var validation = new Validation();
        var errors = new List<Rejection>();
        var quantity = Quantity(form.Quantity, errors);
        var expiry = FormValues.Date(form.Expiry, "expiry", ServerReasons.Forms.ExpiryNotDate.Invalid("expiry"), errors);

        var occurredAt = FormValues.Time(form.OccurredAt, web, "occurredAt", errors);
        var command = ReceiveStock.From(operation, Id(form.SiteId), Id(form.CommodityId), form.Lot?.Trim() ?? string.Empty, expiry, quantity, form.Source, occurredAt ?? clock.GetUtcNow(), validation);
        FormOutcome outcome;
        if (errors.Count > 0 || command is null)
        {
            outcome = FormWrites.Invalid(errors, validation, f => Field(Receive, f));
        }
        else
        {
            outcome = await FormWrites.Record(context, store, new { form.SiteId, form.CommodityId, form.Lot, expiry, quantity, form.Source, occurredAt }, command, form.IdempotencyKey, f => Field(Receive, f), command.At);
        }

        return Render(web, store, outcome, Receive, outcome.Receipt is null ? form : null, default);
    }

    private static async Task<IResult> IssueStockForm(Guid operationId, [FromForm] StockForm form, HttpContext context, LogStore store, TimeProvider clock)
    {
        var web = WebContext.For(context, operationId);
        var operation = new OperationId(operationId);
        var validation = new Validation();
        var errors = new List<Rejection>();
        var quantity = Quantity(form.Quantity, errors);
        var occurredAt = FormValues.Time(form.OccurredAt, web, "occurredAt", errors);
        var command = IssueStock.From(operation, Id(form.SiteId), Id(form.CommodityId), form.Lot?.Trim() ?? string.Empty, quantity, form.IssuedTo, occurredAt ?? clock.GetUtcNow(), validation);
        FormOutcome outcome;
        if (errors.Count > 0 || command is null)
        {
            outcome = FormWrites.Invalid(errors, validation, f => Field(Issue, f));
        }
        else if (!web.Caller.MayActAt(Policies.Holders[Policies.IssueStock], operationId, command.SiteId.Value))
        {
            outcome = new FormOutcome(null, new FormErrors([ServerReasons.Forms.NotAssignedToDistributionPoint.Invalid(Field(Issue, "siteId"))]));
        }
        else
        {
            outcome = await FormWrites.Record(context, store, new { form.SiteId, form.CommodityId, form.Lot, quantity, form.IssuedTo, occurredAt }, command, form.IdempotencyKey, f => Field(Issue, f), command.At);
        }

        return Render(web, store, outcome, Issue, outcome.Receipt is null ? form : null, default);
    }

    /// <summary>The id of an input of one of the page's forms: <c>issue-quantity</c>.</summary>
    public static string Field(string form, string field) => $"{form}-{field}";

    private static decimal? Quantity(string? text, List<Rejection> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var quantity = FormValues.Decimal(text);
        if (quantity is null)
        {
            errors.Add(ServerReasons.Forms.QuantityNotNumber.Invalid("quantity", ("text", text)));
        }

        return quantity;
    }

    private static Guid? Id(string? text) => Guid.TryParse(text, out var id) ? id : null;

    private static IResult Render(WebContext web, LogStore store, FormOutcome? outcome, string? form, StockForm? input, (Guid? Site, Guid? Commodity, string? Quantity) pick)
    {
        var view = store.Read(session =>
        {
            var operation = web.Operation!.Id;
            var sites = SitesProjection.List(session, operation);
            var byId = sites.ToDictionary(s => s.Id);
            var commodities = CommoditiesProjection.List(session, operation);
            var lots = StockProjection.Lots(session, operation)
                .Select(lot => new LotRow(lot, byId.GetValueOrDefault(lot.SiteId), CommoditiesProjection.Known(session, lot.CommodityId.Value)))
                .OrderBy(row => row.Site?.Name, StringComparer.CurrentCulture)
                .ThenBy(row => row.Commodity.Code, StringComparer.Ordinal)
                .ThenBy(row => row.Lot.Expiry is null)
                .ThenBy(row => row.Lot.Expiry)
                .ToList();
            var today = OperationsProjection.LocalDate(session, operation.Value, web.Now);
            var issueSites = sites.Where(s => s.Status == SiteStatus.Active && web.Caller.MayActAt(Policies.Holders[Policies.IssueStock], operation.Value, s.Id.Value)).ToList();
            PickingView? picking = null;
            Rejection? pickingError = null;
            if (pick.Site is { } site && pick.Commodity is { } commodityId && commodities.FirstOrDefault(c => c.Id.Value == commodityId) is { } commodity)
            {
                if (FormValues.Decimal(pick.Quantity) is { } wanted && Lifeline.Domain.Stock.Quantity.FromUnits(wanted) is { } amount && amount > Lifeline.Domain.Stock.Quantity.Zero)
                {
                    picking = new PickingView(site, commodityId, wanted, commodity, Picking.Suggest(StockProjection.Lots(session, operation, new SiteId(site), commodity.Id), amount, today));
                }
                else
                {
                    pickingError = ServerReasons.Forms.PickQuantityRequired.Invalid("pickQuantity");
                }
            }

            return new StockView(lots, sites.Where(s => s.Status == SiteStatus.Active).ToList(), issueSites, commodities, today, picking, pickingError);
        });
        return Pages.Render<StockPage>(new { Web = web, View = view, Outcome = outcome, Form = form, Input = input, Pick = pick }, outcome?.Status ?? StatusCodes.Status200OK);
    }
}
