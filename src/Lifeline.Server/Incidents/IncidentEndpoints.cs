using Lifeline.Domain.Incidents;
using Lifeline.Domain.Primitives;
using Lifeline.Server.Access;
using Lifeline.Server.Http;
using Lifeline.Storage.Incidents;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Incidents;

public sealed record RecordIncidentRequest(
    string? Kind,
    DateTimeOffset? OccurredAt,
    Guid? MovementId,
    Guid? SiteId,
    double? Latitude,
    double? Longitude,
    string? Place,
    int? Killed,
    int? Injured,
    string? CargoStatus,
    string? Narrative);

/// <summary>
/// An incident; casualties are counts, never names. The narrative is personal data: null for a caller who may not
/// read it, and once it is erased.
/// </summary>
public sealed record IncidentResponse(Guid Id, string Kind, DateTimeOffset OccurredAt, Guid? MovementId, Guid? SiteId, double? Latitude, double? Longitude, string Place, int Killed, int Injured, string? CargoStatus, string? Narrative)
{
    public static IncidentResponse From(Incident incident, string? narrative) => new(
        incident.Id.Value,
        incident.Kind.Name(),
        incident.OccurredAt,
        incident.MovementId?.Value,
        incident.SiteId?.Value,
        incident.Latitude,
        incident.Longitude,
        incident.Place,
        incident.Killed,
        incident.Injured,
        incident.CargoStatus?.Name(),
        narrative);
}

public static class IncidentEndpoints
{
    public static IEndpointRouteBuilder MapIncidents(this IEndpointRouteBuilder app)
    {
        var writes = app.MapGroup("/operations/{operationId:guid}/incidents").WithTags("Incidents").RequireAuthorization(Policies.ManageStock);
        writes.MapPost("/", Record).ProducesWrite();
        var reads = app.MapGroup("/operations/{operationId:guid}/incidents").WithTags("Incidents").RequireAuthorization(Policies.ReadOperation);
        reads.MapGet("/", List).Produces<List<IncidentResponse>>();
        reads.MapGet("/{incidentId:guid}", Get).Produces<IncidentResponse>().ProducesValidationProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Record(Guid operationId, RecordIncidentRequest request, HttpContext context, LogStore store, TimeProvider clock)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = RecordIncident.From(operation, IncidentId.New(clock), request.Kind, request.OccurredAt, request.MovementId, request.SiteId, request.Latitude, request.Longitude, request.Place, request.Killed, request.Injured, request.CargoStatus, request.Narrative, validation);
        return command is null
            ? Problems.FromRejections(validation.Rejections)
            : await Writes.Record(context, store, request, command, id => $"/operations/{operationId}/incidents/{id}", command.At);
    }

    private static IResult List(Guid operationId, DateOnly? from, DateOnly? to, LogStore store, HttpContext context)
    {
        var personal = PersonalView.For(context, store, operationId);
        return Reads.InOperation(
            store,
            operationId,
            (session, operation) => IncidentsProjection.List(session, operation, from, to).Select(i => IncidentResponse.From(i, personal.Show(session, i.Narrative))).ToList(),
            incidents => Results.Ok(incidents));
    }

    private static IResult Get(Guid operationId, Guid incidentId, LogStore store, HttpContext context) => Reads.One(
        store.Read(session => IncidentsProjection.Find(session, new OperationId(operationId), new IncidentId(incidentId)) is { } incident
            ? IncidentResponse.From(incident, PersonalView.For(context, store, operationId).Show(session, incident.Narrative))
            : null),
        incident => Results.Ok(incident),
        ServerReasons.Requests.IncidentNotFound.NotFound("incidentId", ("incident", incidentId), ("operation", operationId)));
}
