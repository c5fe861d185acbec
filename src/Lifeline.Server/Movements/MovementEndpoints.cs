using Lifeline.Domain;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Stock;
using Lifeline.Server.Access;
using Lifeline.Server.Http;
using Lifeline.Storage.Commodities;
using Lifeline.Storage.Database;
using Lifeline.Storage.Movements;
using Lifeline.Storage.Stock;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Movements;

public sealed record PlanMovementRequest(
    string? Mode,
    Guid? OriginSiteId,
    Guid? DestinationSiteId,
    DateTimeOffset? PlannedDeparture,
    Guid? CorridorId,
    string? Route,
    int? Crew,
    TruckInput?[]? Trucks,
    AircraftInput? Aircraft,
    DeratingInput? Derating);

public sealed record MovementStatusRequest(string? Status, string? Reason, DateTimeOffset? OccurredAt);

public sealed record RecordManifestRequest(string? VehicleId, ManifestLineInput?[]? Lines);

public sealed record DepartRequest(DateTimeOffset? OccurredAt);

public sealed record DeliveryRequest(string? ReceivedBy, DeliveryLineInput[]? Lines, DateTimeOffset? OccurredAt);

public sealed record CorrectManifestRequest(ManifestLineInput?[]? Lines, string? Reason);

public sealed record InspectionRequest(string? Organisation, string? Finding, InspectedLineInput[]? Differences, string? Note, DateTimeOffset? OccurredAt);

public sealed record VehicleResponse(string VehicleId, string? AircraftType, decimal PayloadKg, decimal UsablePayloadKg, decimal? VolumeM3);

public sealed record MovementResponse(
    Guid Id,
    string Mode,
    Guid OriginSiteId,
    Guid DestinationSiteId,
    DateTimeOffset PlannedDeparture,
    Guid? CorridorId,
    string Route,
    int Crew,
    IReadOnlyList<VehicleResponse> Vehicles,
    SortieDerating? Derating,
    string Status,
    DateTimeOffset? DepartedAt,
    DateTimeOffset? ArrivedAt,
    DateTimeOffset? DeliveredAt,
    Guid? LostIncidentId)
{
    public static MovementResponse From(Movement movement, MovementTimes times) => new(
        movement.Id.Value,
        movement.Mode.Name(),
        movement.Origin.Value,
        movement.Destination.Value,
        movement.PlannedDeparture,
        movement.CorridorId?.Value,
        movement.Route,
        movement.Crew,
        movement.Vehicles.Select(v => new VehicleResponse(v.VehicleId, v.AircraftType, v.PayloadKg, movement.PayloadOf(v).Kilograms, v.VolumeM3)).ToList(),
        movement.Derating,
        movement.Status.Name(),
        times.DepartedAt,
        times.ArrivedAt,
        times.DeliveredAt,
        times.LostIncidentId);
}

public sealed record ManifestLineResponse(int Line, Guid CommodityId, string Commodity, string Lot, decimal Quantity, string Unit, decimal Kilograms);

public sealed record ManifestResponse(
    Guid Id,
    Guid MovementId,
    string VehicleId,
    IReadOnlyList<ManifestLineResponse> Lines,
    decimal TotalMassKg,
    double TotalVolumeM3,
    string? SealedHash,
    Guid? SupersededBy,
    Guid? Corrects,
    string? Reason,
    IReadOnlyList<InspectionResponse> Inspections);

public sealed record InspectionResponse(Guid Id, string ManifestHash, string Organisation, string Finding, IReadOnlyList<InspectedLine> Differences, string Note, DateTimeOffset OccurredAt);

public sealed record DeliveryLineResponse(Guid ManifestId, int Line, Guid CommodityId, string Lot, decimal Departed, decimal Received, decimal Damaged, decimal Short, decimal Over, string? Discrepancy, string Reason);

public sealed record StatusChangeResponse(string From, string To, string Reason, DateTimeOffset OccurredAt, string Actor);

public sealed record MovementDetail(MovementResponse Movement, IReadOnlyList<StatusChangeResponse> History, IReadOnlyList<ManifestResponse> Manifests, IReadOnlyList<CargoLine> InTransit, IReadOnlyList<DeliveryLineResponse> Delivery);

public static class MovementEndpoints
{
    public static IEndpointRouteBuilder MapMovements(this IEndpointRouteBuilder app)
    {
        var writes = app.MapGroup("/operations/{operationId:guid}").WithTags("Movements and manifests").RequireAuthorization(Policies.ManageStock);
        writes.MapPost("/movements", Plan).ProducesWrite();
        writes.MapPost("/movements/{movementId:guid}/status", Status).ProducesWrite(creates: false);
        writes.MapPost("/movements/{movementId:guid}/manifests", Manifest).ProducesWrite();
        writes.MapPost("/movements/{movementId:guid}/depart", Depart).ProducesWrite(creates: false);
        writes.MapPost("/movements/{movementId:guid}/delivery", Deliver).ProducesWrite(creates: false);
        writes.MapPost("/manifests/{manifestId:guid}/corrections", Correct).ProducesWrite();
        writes.MapPost("/manifests/{manifestId:guid}/inspections", Inspect).ProducesWrite();
        var reads = app.MapGroup("/operations/{operationId:guid}").WithTags("Movements and manifests").RequireAuthorization(Policies.ReadOperation);
        reads.MapGet("/movements", List).Produces<List<MovementResponse>>();
        reads.MapGet("/movements/{movementId:guid}", Get).Produces<MovementDetail>().ProducesValidationProblem(StatusCodes.Status404NotFound);
        reads.MapGet("/manifests/{manifestId:guid}", GetManifest).Produces<ManifestResponse>().ProducesValidationProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Plan(Guid operationId, PlanMovementRequest request, HttpContext context, LogStore store, TimeProvider clock)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = PlanMovement.From(operation, MovementId.New(clock), request.Mode, request.OriginSiteId, request.DestinationSiteId, request.PlannedDeparture, request.CorridorId, request.Route, request.Crew, request.Trucks, request.Aircraft, request.Derating, validation);
        return command is null
            ? Problems.FromRejections(validation.Rejections)
            : await Writes.Record(context, store, request, command, id => $"/operations/{operationId}/movements/{id}");
    }

    private static async Task<IResult> Status(Guid operationId, Guid movementId, MovementStatusRequest request, HttpContext context, LogStore store)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = ChangeMovementStatus.From(operation, new MovementId(movementId), request.Status, request.Reason, validation);
        return command is null
            ? Problems.FromRejections(validation.Rejections)
            : await Writes.Record(context, store, request, command, occurredAt: request.OccurredAt);
    }

    private static async Task<IResult> Manifest(Guid operationId, Guid movementId, RecordManifestRequest request, HttpContext context, LogStore store, TimeProvider clock)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = RecordManifest.From(operation, ManifestId.New(clock), new MovementId(movementId), request.VehicleId, request.Lines, validation);
        return command is null
            ? Problems.FromRejections(validation.Rejections)
            : await Writes.Record(context, store, request, command, id => $"/operations/{operationId}/manifests/{id}");
    }

    private static async Task<IResult> Depart(Guid operationId, Guid movementId, DepartRequest? request, HttpContext context, LogStore store, TimeProvider clock)
    {
        var operation = new OperationId(operationId);
        var command = new DepartMovement(operation, new MovementId(movementId), request?.OccurredAt ?? clock.GetUtcNow());
        return await Writes.Record(context, store, request ?? new DepartRequest(null), command, occurredAt: command.At);
    }

    private static async Task<IResult> Deliver(Guid operationId, Guid movementId, DeliveryRequest request, HttpContext context, LogStore store, TimeProvider clock)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = RecordDelivery.From(operation, new MovementId(movementId), request.ReceivedBy, request.Lines, request.OccurredAt ?? clock.GetUtcNow(), validation);
        return command is null
            ? Problems.FromRejections(validation.Rejections)
            : await Writes.Record(context, store, request, command, occurredAt: command.At);
    }

    private static async Task<IResult> Correct(Guid operationId, Guid manifestId, CorrectManifestRequest request, HttpContext context, LogStore store, TimeProvider clock)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = CorrectManifest.From(operation, ManifestId.New(clock), manifestId, request.Lines, request.Reason, validation);
        return command is null
            ? Problems.FromRejections(validation.Rejections)
            : await Writes.Record(context, store, request, command, id => $"/operations/{operationId}/manifests/{id}");
    }

    private static async Task<IResult> Inspect(Guid operationId, Guid manifestId, InspectionRequest request, HttpContext context, LogStore store, TimeProvider clock)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = RecordInspection.From(operation, InspectionId.New(clock), manifestId, request.Organisation, request.Finding, request.Differences, request.Note, validation);
        return command is null
            ? Problems.FromRejections(validation.Rejections)
            : await Writes.Record(context, store, request, command, _ => $"/operations/{operationId}/manifests/{manifestId}", request.OccurredAt);
    }

    private static IResult List(Guid operationId, DateOnly? from, DateOnly? to, string? status, LogStore store)
    {
        MovementStatus? wanted = null;
        if (status is not null)
        {
            if (!MovementNames.Statuses.TryGetValue(status, out var known))
            {
                return Problems.BadRequest(ServerReasons.Requests.StatusOneOf.Invalid("status", ("allowed", Reasons.Names(MovementNames.Statuses.Keys))));
            }

            wanted = known;
        }

        return Reads.InOperation(
            store,
            operationId,
            (session, operation) => MovementsProjection.List(session, operation, from, to, wanted).Select(m => MovementResponse.From(m, MovementsProjection.Times(session, m.Id))).ToList(),
            movements => Results.Ok(movements));
    }

    private static IResult Get(Guid operationId, Guid movementId, LogStore store) => Reads.One(
        store.Read(session => Detail(session, new OperationId(operationId), new MovementId(movementId))),
        detail => Results.Ok(detail),
        ServerReasons.Requests.MovementNotFound.NotFound("movementId", ("movement", movementId), ("operation", operationId)));

    private static IResult GetManifest(Guid operationId, Guid manifestId, LogStore store) => Reads.One(
        store.Read(session => ManifestsProjection.Find(session, new OperationId(operationId), new ManifestId(manifestId)) is { } found ? ManifestOf(session, found) : null),
        manifest => Results.Ok(manifest),
        ServerReasons.Requests.ManifestNotFound.NotFound("manifestId", ("manifest", manifestId), ("operation", operationId)));

    public static MovementDetail? Detail(SqlSession session, OperationId operation, MovementId id)
    {
        var movement = MovementsProjection.Find(session, operation, id);
        if (movement is null)
        {
            return null;
        }

        return new MovementDetail(
            MovementResponse.From(movement, MovementsProjection.Times(session, id)),
            MovementsProjection.History(session, id).Select(h => new StatusChangeResponse(h.From.Name(), h.To.Name(), h.Reason, h.OccurredAt, h.Actor)).ToList(),
            ManifestsProjection.OfMovement(session, id).Select(m => ManifestOf(session, m)).ToList(),
            StockProjection.InTransit(session, id),
            MovementsProjection.Delivery(session, id).Select(d => new DeliveryLineResponse(d.ManifestId, d.Line, d.CommodityId, d.Lot, d.Departed, d.Received, d.Damaged, d.Short, d.Over, d.HasDiscrepancy ? DeliveryDecider.Describe(d) : null, d.Reason)).ToList());
    }

    private static ManifestResponse ManifestOf(SqlSession session, ManifestRecord record)
    {
        var lines = record.Manifest.Lines.Select((line, i) =>
        {
            var commodity = CommoditiesProjection.Known(session, line.CommodityId);
            return new ManifestLineResponse(i + 1, line.CommodityId, commodity.Code, line.Lot, line.Quantity, commodity.Unit, Quantity.FromUnits(line.Quantity)!.Value.MassOf(commodity).Kilograms);
        }).ToList();
        return new ManifestResponse(record.Manifest.Id.Value, record.Manifest.MovementId.Value, record.Manifest.VehicleId, lines, record.TotalMassKg, record.TotalVolumeM3, record.Manifest.SealedHash, record.SupersededBy, record.Manifest.Corrects, record.Reason, ManifestsProjection.Inspections(session, record.Manifest.Id)
            .Select(i => new InspectionResponse(i.Id.Value, i.ManifestHash, i.Organisation, i.Finding == InspectionFinding.Matches ? "matches" : "differs", i.Differences, i.Note, i.OccurredAt))
            .ToList());
    }
}
