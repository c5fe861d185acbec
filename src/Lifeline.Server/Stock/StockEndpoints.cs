using Lifeline.Domain.Commodities;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Stock;
using Lifeline.Server.Access;
using Lifeline.Server.Http;
using Lifeline.Storage.Commodities;
using Lifeline.Storage.Database;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Stock;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Stock;

public sealed record ReceiveStockRequest(Guid? SiteId, Guid? CommodityId, string? Lot, DateOnly? Expiry, decimal? Quantity, string? Source, DateTimeOffset? OccurredAt);

public sealed record IssueStockRequest(Guid? SiteId, Guid? CommodityId, string? Lot, decimal? Quantity, string? IssuedTo, DateTimeOffset? OccurredAt);

public sealed record AdjustStockRequest(Guid? SiteId, Guid? CommodityId, string? Lot, decimal? Change, string? Reason, string? Note, DateTimeOffset? OccurredAt);

public sealed record HoldLotRequest(Guid? SiteId, Guid? CommodityId, string? Lot, string? Reason);

public sealed record DailyNeedRequest(Guid? SiteId, Guid? CommodityId, decimal? QuantityPerDay);

/// <summary>A lot at a site, in the commodity's unit and in kilograms and metric tons.</summary>
public sealed record LotResponse(Guid SiteId, Guid CommodityId, string Commodity, string Lot, DateOnly? Expiry, decimal Quantity, string Unit, decimal Kilograms, decimal MetricTons, bool Quarantined, string? QuarantineReason)
{
    public static LotResponse From(LotBalance lot, Commodity commodity)
    {
        var mass = lot.OnHand.MassOf(commodity);
        return new(lot.SiteId.Value, lot.CommodityId.Value, commodity.Code, lot.Lot, lot.Expiry, lot.OnHand.Units, commodity.Unit, mass.Kilograms, mass.MetricTons, lot.Quarantined, lot.QuarantineReason);
    }
}

/// <summary>One change to a lot. The reason of a receipt (its source) or an issue (to whom) is personal data: null for a caller who may not read it, and once erased.</summary>
public sealed record LedgerLineResponse(long Sequence, string Kind, decimal Change, decimal Kilograms, Guid? MovementId, string? Reason, DateTimeOffset OccurredAt);

public sealed record PickResponse(string Lot, DateOnly? Expiry, decimal Quantity, decimal Kilograms);

public sealed record PickingResponse(Guid SiteId, Guid CommodityId, DateOnly Day, decimal Wanted, IReadOnlyList<PickResponse> Picks, decimal Shortfall);

public sealed record InTransitResponse(Guid MovementId, Guid ManifestId, int Line, Guid CommodityId, string Commodity, string Lot, decimal Quantity, decimal Kilograms);

public static class StockEndpoints
{
    public static IEndpointRouteBuilder MapStock(this IEndpointRouteBuilder app)
    {
        var writes = app.MapGroup("/operations/{operationId:guid}/stock").WithTags("Stock").RequireAuthorization(Policies.ManageStock);
        writes.MapPost("/receipts", Receive).ProducesWrite();
        writes.MapPost("/adjustments", Adjust).ProducesWrite();
        writes.MapPost("/quarantine", (Guid operationId, HoldLotRequest request, HttpContext context, LogStore store) => Hold(operationId, request, true, context, store)).ProducesWrite(creates: false);
        writes.MapPost("/release", (Guid operationId, HoldLotRequest request, HttpContext context, LogStore store) => Hold(operationId, request, false, context, store)).ProducesWrite(creates: false);
        writes.MapPost("/daily-needs", Need).ProducesWrite(creates: false);

        // Distribution officers issue too, at the distribution points assigned to them.
        var issues = app.MapGroup("/operations/{operationId:guid}/stock").WithTags("Stock").RequireAuthorization(Policies.IssueStock);
        issues.MapPost("/issues", Issue).ProducesWrite();

        var reads = app.MapGroup("/operations/{operationId:guid}/stock").WithTags("Stock").RequireAuthorization(Policies.ReadOperation);
        reads.MapGet("/", Lots).Produces<List<LotResponse>>();
        reads.MapGet("/ledger", Ledger).Produces<List<LedgerLineResponse>>().ProducesValidationProblem(StatusCodes.Status400BadRequest);
        reads.MapGet("/picking", Pick).Produces<PickingResponse>().ProducesValidationProblem(StatusCodes.Status400BadRequest);
        reads.MapGet("/in-transit", InTransit).Produces<List<InTransitResponse>>();
        return app;
    }

    private static async Task<IResult> Receive(Guid operationId, ReceiveStockRequest request, HttpContext context, LogStore store, TimeProvider clock)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = ReceiveStock.From(operation, request.SiteId, request.CommodityId, request.Lot, request.Expiry, request.Quantity, request.Source, request.OccurredAt ?? clock.GetUtcNow(), validation);
        if (command is null)
        {
            return Problems.FromRejections(validation.Rejections);
        }

        return await Writes.Record(context, store, request, command, id => $"/operations/{operationId}/stock?siteId={id}", command.At);
    }

    private static async Task<IResult> Issue(Guid operationId, IssueStockRequest request, HttpContext context, LogStore store, TimeProvider clock)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = IssueStock.From(operation, request.SiteId, request.CommodityId, request.Lot, request.Quantity, request.IssuedTo, request.OccurredAt ?? clock.GetUtcNow(), validation);
        if (command is null)
        {
            return Problems.FromRejections(validation.Rejections);
        }

        return SiteAccess.Refusal(context, Policies.IssueStock, operation, command.SiteId.Value, "siteId")
            ?? await Writes.Record(context, store, request, command, id => $"/operations/{operationId}/stock?siteId={id}", command.At);
    }

    private static async Task<IResult> Adjust(Guid operationId, AdjustStockRequest request, HttpContext context, LogStore store, TimeProvider clock)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = AdjustStock.From(operation, request.SiteId, request.CommodityId, request.Lot, request.Change, request.Reason, request.Note, request.OccurredAt ?? clock.GetUtcNow(), validation);
        if (command is null)
        {
            return Problems.FromRejections(validation.Rejections);
        }

        return await Writes.Record(context, store, request, command, id => $"/operations/{operationId}/stock?siteId={id}", command.At);
    }

    private static async Task<IResult> Hold(Guid operationId, HoldLotRequest request, bool quarantine, HttpContext context, LogStore store)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = HoldLot.From(operation, request.SiteId, request.CommodityId, request.Lot, quarantine, request.Reason, validation);
        return command is null
            ? Problems.FromRejections(validation.Rejections)
            : await Writes.Record(context, store, request, command);
    }

    private static async Task<IResult> Need(Guid operationId, DailyNeedRequest request, HttpContext context, LogStore store)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = SetDailyNeed.From(operation, request.SiteId, request.CommodityId, request.QuantityPerDay, validation);
        return command is null
            ? Problems.FromRejections(validation.Rejections)
            : await Writes.Record(context, store, request, command);
    }

    private static IResult Lots(Guid operationId, Guid? siteId, Guid? commodityId, LogStore store) => Reads.InOperation(
        store,
        operationId,
        (session, operation) => StockProjection.Lots(session, operation, siteId is { } s ? new SiteId(s) : null, commodityId is { } c ? new CommodityId(c) : null)
            .Select(lot => LotResponse.From(lot, CommoditiesProjection.Known(session, lot.CommodityId.Value)))
            .ToList(),
        lots => Results.Ok(lots));

    private static IResult Ledger(Guid operationId, Guid? siteId, Guid? commodityId, string? lot, LogStore store, HttpContext context)
    {
        if (siteId is null || commodityId is null)
        {
            return Problems.BadRequest(ServerReasons.Requests.LedgerNeedsKeys.Invalid(siteId is null ? "siteId" : "commodityId"));
        }

        var personal = PersonalView.For(context, store, operationId);
        return Reads.InOperation(
            store,
            operationId,
            (session, operation) =>
            {
                var commodity = CommoditiesProjection.Find(session, operation, new CommodityId(commodityId.Value));
                return commodity is null
                    ? null
                    : StockProjection.Ledger(session, new SiteId(siteId.Value), commodity.Id, lot ?? string.Empty)
                        .Select(l => new LedgerLineResponse(l.Sequence, l.Kind, l.Change.Units, l.Change < Quantity.Zero ? -l.Change.MassOf(commodity).Kilograms : l.Change.MassOf(commodity).Kilograms, l.MovementId, personal.Show(session, l.Reason), l.OccurredAt))
                        .ToList();
            },
            lines => lines is null ? Problems.NotFound(ServerReasons.Requests.CommodityNotFound.NotFound("commodityId", ("commodity", commodityId), ("operation", operationId))) : Results.Ok(lines));
    }

    private static IResult Pick(Guid operationId, Guid? siteId, Guid? commodityId, decimal? quantity, DateOnly? on, LogStore store, TimeProvider clock)
    {
        if (siteId is null || commodityId is null)
        {
            return Problems.BadRequest(ServerReasons.Requests.PickingNeedsKeys.Invalid(siteId is null ? "siteId" : "commodityId"));
        }

        var validation = new Validation();
        var wanted = validation.Check(Quantity.Positive(quantity, "quantity"));
        if (validation.Failed)
        {
            return Problems.BadRequest(validation.Rejections[0]);
        }

        return Reads.InOperation(
            store,
            operationId,
            (session, operation) =>
            {
                var commodity = CommoditiesProjection.Find(session, operation, new CommodityId(commodityId.Value));
                if (commodity is null)
                {
                    return null;
                }

                var day = on ?? OperationsProjection.LocalDate(session, operationId, clock.GetUtcNow());
                var suggestion = Picking.Suggest(StockProjection.Lots(session, operation, new SiteId(siteId.Value), commodity.Id), wanted, day);
                return new PickingResponse(siteId.Value, commodityId.Value, day, wanted.Units, suggestion.Picks.Select(p => new PickResponse(p.Lot, p.Expiry, p.Quantity.Units, p.Quantity.MassOf(commodity).Kilograms)).ToList(), suggestion.Shortfall.Units);
            },
            picking => picking is null ? Problems.NotFound(ServerReasons.Requests.CommodityNotFound.NotFound("commodityId", ("commodity", commodityId), ("operation", operationId))) : Results.Ok(picking));
    }

    private static IResult InTransit(Guid operationId, LogStore store) => Reads.InOperation(
        store,
        operationId,
        (session, operation) => InTransitOf(session, operation),
        lines => Results.Ok(lines));

    public static List<InTransitResponse> InTransitOf(SqlSession session, OperationId operation) =>
        StockProjection.InTransit(session, operation).Select(t =>
        {
            var commodity = CommoditiesProjection.Known(session, t.Cargo.CommodityId);
            return new InTransitResponse(t.Movement.Value, t.Cargo.ManifestId, t.Cargo.Line, commodity.Id.Value, commodity.Code, t.Cargo.Lot, t.Cargo.Quantity, Quantity.FromUnits(t.Cargo.Quantity)!.Value.MassOf(commodity).Kilograms);
        }).ToList();
}
