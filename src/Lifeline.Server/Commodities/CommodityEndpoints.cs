using Lifeline.Domain.Commodities;
using Lifeline.Domain.Primitives;
using Lifeline.Server.Access;
using Lifeline.Server.Http;
using Lifeline.Storage.Commodities;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Commodities;

public sealed record RegisterCommodityRequest(
    string? Code,
    string? Name,
    string? Category,
    string? Unit,
    decimal? MassPerUnitKg,
    decimal? KcalPerKg,
    decimal? VolumePerUnitM3,
    bool? LotTracked);

public sealed record CommodityResponse(
    Guid Id,
    Guid OperationId,
    string Code,
    string Name,
    string Category,
    string Unit,
    decimal MassPerUnitKg,
    decimal? KcalPerKg,
    decimal? VolumePerUnitM3,
    bool LotTracked)
{
    public static CommodityResponse From(Commodity commodity) => new(
        commodity.Id.Value,
        commodity.OperationId.Value,
        commodity.Code,
        commodity.Name,
        commodity.Category.Name(),
        commodity.Unit,
        commodity.MassPerUnit.Kilograms,
        commodity.KcalPerKg,
        commodity.VolumePerUnitCubicMetres,
        commodity.LotTracked);
}

public static class CommodityEndpoints
{
    public static IEndpointRouteBuilder MapCommodities(this IEndpointRouteBuilder app)
    {
        var writes = app.MapGroup("/operations/{operationId:guid}/commodities").WithTags("Commodities").RequireAuthorization(Policies.ManageOperation);
        writes.MapPost("/", Register).ProducesWrite();
        var group = app.MapGroup("/operations/{operationId:guid}/commodities").WithTags("Commodities").RequireAuthorization(Policies.ReadOperation);
        group.MapGet("/", List).Produces<List<CommodityResponse>>();
        group.MapGet("/{commodityId:guid}", Get).Produces<CommodityResponse>().ProducesValidationProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Register(Guid operationId, RegisterCommodityRequest request, HttpContext context, LogStore store, TimeProvider clock)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = RegisterCommodity.From(
            operation,
            CommodityId.New(clock),
            request.Code,
            request.Name,
            request.Category,
            request.Unit,
            request.MassPerUnitKg,
            request.KcalPerKg,
            request.VolumePerUnitM3,
            request.LotTracked,
            validation);
        if (command is null)
        {
            return Problems.FromRejections(validation.Rejections);
        }

        return await Writes.Record(
            context,
            store,
            request,
            command,
            id => $"/operations/{operationId}/commodities/{id}");
    }

    private static IResult List(Guid operationId, LogStore store) =>
        Reads.InOperation(store, operationId, CommoditiesProjection.List, commodities => Results.Ok(commodities.Select(CommodityResponse.From).ToList()));

    private static IResult Get(Guid operationId, Guid commodityId, LogStore store) => Reads.One(
        store.Read(session => CommoditiesProjection.Find(session, new OperationId(operationId), new CommodityId(commodityId))),
        commodity => Results.Ok(CommodityResponse.From(commodity)),
        ServerReasons.Requests.CommodityNotFound.NotFound("commodityId", ("commodity", commodityId), ("operation", operationId)));
}
