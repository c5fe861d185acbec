using Lifeline.Domain;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;
using Lifeline.Server.Access;
using Lifeline.Server.Http;
using Lifeline.Storage.Corridors;
using Lifeline.Storage.Database;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Writing;
using NodaTime;

namespace Lifeline.Server.Corridors;

/// <summary>A GeoJSON LineString (RFC 7946).</summary>
public sealed record LineStringDto(string? Type, double[][]? Coordinates);

public sealed record DefineCorridorRequest(
    string? Name,
    LineStringDto? Route,
    IReadOnlyList<Guid>? CheckpointIds,
    IReadOnlyList<string>? Categories,
    int? CapacityPerHour,
    string? Authority,
    string? Directions);

public sealed record ChangeCorridorStatusRequest(string? Status, string? Reason, string? Authority);

/// <summary>A window in the operation's local time: <c>once</c> from start to end, or <c>daily</c> from a first day.</summary>
public sealed record ScheduleWindowRequest(string? Recurrence, string? Start, string? End, string? FirstDay, string? LastDay, string? DailyFrom, string? DailyTo, string? Reason);

/// <summary>A humanitarian pause: one one-off window on several corridors.</summary>
public sealed record HumanitarianPauseRequest(IReadOnlyList<Guid>? CorridorIds, string? Start, string? End, string? Reason);

public sealed record CancelWindowRequest(string? Reason);

public sealed record WindowResponse(Guid Id, string Recurrence, string? Start, string? End, string? FirstDay, string? LastDay, string? DailyFrom, string? DailyTo, Guid? PauseId, bool Cancelled, int Sequence)
{
    public static WindowResponse From(OpeningWindow window) => window.Schedule switch
    {
        WindowSchedule.Once once => new(window.Id.Value, "once", Text(once.Start), Text(once.End), null, null, null, null, window.PauseId, window.Cancelled, window.Sequence),
        WindowSchedule.Daily daily => new(window.Id.Value, "daily", null, null, Text(daily.FirstDay), daily.LastDay is { } last ? Text(last) : null, Text(daily.From), Text(daily.To), window.PauseId, window.Cancelled, window.Sequence),
        _ => throw new InvalidOperationException("unknown schedule"),
    };

    private static string Text<T>(T value)
        where T : IFormattable => value.ToString(value switch { LocalDateTime => "uuuu'-'MM'-'dd'T'HH':'mm", LocalDate => "uuuu'-'MM'-'dd", _ => "HH':'mm" }, System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record CorridorResponse(
    Guid Id,
    Guid OperationId,
    string Name,
    LineStringDto Route,
    IReadOnlyList<Guid> CheckpointIds,
    IReadOnlyList<string> Categories,
    int? CapacityPerHour,
    string Authority,
    string Directions,
    string Status)
{
    public static CorridorResponse From(Corridor corridor) => new(
        corridor.Id.Value,
        corridor.OperationId.Value,
        corridor.Name,
        new LineStringDto("LineString", corridor.Route.ToGeoJsonCoordinates()),
        corridor.Checkpoints.Select(c => c.Value).ToList(),
        corridor.Categories.Select(c => c.Name()).ToList(),
        corridor.CapacityPerHour,
        corridor.Authority,
        corridor.Directions.Name(),
        corridor.Status.Name());
}

public sealed record StatusChangeResponse(long Sequence, string From, string To, string Reason, string Authority, string RecordedBy, DateTimeOffset OccurredAt);

public sealed record CorridorDetail(CorridorResponse Corridor, IReadOnlyList<StatusChangeResponse> History, IReadOnlyList<WindowResponse> Windows);

public sealed record OccurrenceResponse(Guid WindowId, DateTimeOffset Start, DateTimeOffset End);

public sealed record OpenAtResponse(DateTimeOffset At, bool Open, string Status, OccurrenceResponse? Window, OccurrenceResponse? NextWindow);

public static class CorridorEndpoints
{
    public static IEndpointRouteBuilder MapCorridors(this IEndpointRouteBuilder app)
    {
        var writes = app.MapGroup("/operations/{operationId:guid}").WithTags("Corridors").RequireAuthorization(Policies.ManageOperation);
        writes.MapPost("/corridors", Define).ProducesWrite();
        writes.MapPost("/corridors/{corridorId:guid}/status", ChangeStatus).ProducesWrite(creates: false);
        writes.MapPost("/corridors/{corridorId:guid}/windows", Schedule).ProducesWrite();
        writes.MapPost("/corridors/{corridorId:guid}/windows/{windowId:guid}/cancel", Cancel).ProducesWrite(creates: false);
        writes.MapPost("/pauses", Pause).ProducesWrite();
        var group = app.MapGroup("/operations/{operationId:guid}").WithTags("Corridors").RequireAuthorization(Policies.ReadOperation);
        group.MapGet("/corridors", (Guid operationId, LogStore store) =>
            Reads.InOperation(store, operationId, CorridorsProjection.List, corridors => Results.Ok(corridors.Select(CorridorResponse.From).ToList())))
            .Produces<List<CorridorResponse>>();
        group.MapGet("/corridors/{corridorId:guid}", Get).Produces<CorridorDetail>().ProducesValidationProblem(StatusCodes.Status404NotFound);
        group.MapGet("/corridors/{corridorId:guid}/open", OpenAt).Produces<OpenAtResponse>().ProducesValidationProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> Define(Guid operationId, DefineCorridorRequest request, HttpContext context, LogStore store, TimeProvider clock)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = DefineCorridor.From(operation, CorridorId.New(clock), request.Name, request.Route?.Type, request.Route?.Coordinates, request.CheckpointIds, request.Categories, request.CapacityPerHour, request.Authority, request.Directions, validation);
        if (command is null)
        {
            return Problems.FromRejections(validation.Rejections);
        }

        return await Writes.Record(
            context,
            store,
            request,
            command,
            id => $"/operations/{operationId}/corridors/{id}");
    }

    private static IResult Get(Guid operationId, Guid corridorId, LogStore store) => Reads.One(
        store.Read(session => CorridorsProjection.Find(session, new OperationId(operationId), new CorridorId(corridorId)) is { } corridor
            ? new CorridorDetail(
                CorridorResponse.From(corridor),
                CorridorsProjection.History(session, corridor.Id).Select(c => new StatusChangeResponse(c.Sequence, c.From.Name(), c.To.Name(), c.Reason, c.Authority, c.Actor, c.OccurredAt)).ToList(),
                CorridorsProjection.Windows(session, corridor.Id).Select(WindowResponse.From).ToList())
            : null),
        detail => Results.Ok(detail),
        Reasons.Corridors.NotFound.NotFound("corridorId", ("corridor", corridorId), ("operation", operationId)));

    private static async Task<IResult> ChangeStatus(Guid operationId, Guid corridorId, ChangeCorridorStatusRequest request, HttpContext context, LogStore store)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = ChangeCorridorStatus.From(operation, new CorridorId(corridorId), request.Status, request.Reason, request.Authority, validation);
        return command is null
            ? Problems.FromRejections(validation.Rejections)
            : await Writes.Record(context, store, request, command);
    }

    private static async Task<IResult> Schedule(Guid operationId, Guid corridorId, ScheduleWindowRequest request, HttpContext context, LogStore store)
    {
        var validation = new Validation();
        var command = ScheduleWindow.From(new OperationId(operationId), [new CorridorId(corridorId)], request.Recurrence, request.Start, request.End, request.FirstDay, request.LastDay, request.DailyFrom, request.DailyTo, null, request.Reason, validation);
        return command is null ? Problems.FromRejections(validation.Rejections) : await RecordWindows(context, store, request, command, operationId);
    }

    private static async Task<IResult> Pause(Guid operationId, HumanitarianPauseRequest request, HttpContext context, LogStore store, TimeProvider clock)
    {
        var validation = new Validation();
        var corridors = (request.CorridorIds ?? []).Select(id => new CorridorId(id)).ToList();
        var command = ScheduleWindow.From(new OperationId(operationId), corridors, "once", request.Start, request.End, null, null, null, null, Guid.CreateVersion7(clock.GetUtcNow()), request.Reason, validation);
        return command is null ? Problems.FromRejections(validation.Rejections) : await RecordWindows(context, store, request, command, operationId);
    }

    private static Task<IResult> RecordWindows(HttpContext context, LogStore store, object request, ScheduleWindow command, Guid operationId) => Writes.Record(
        context,
        store,
        request,
        command,
        id => $"/operations/{operationId}/corridors/{command.CorridorIds[0]}");

    private static async Task<IResult> Cancel(Guid operationId, Guid corridorId, Guid windowId, CancelWindowRequest request, HttpContext context, LogStore store)
    {
        var validation = new Validation();
        var reason = validation.Check(Check.RequiredText(request.Reason, "reason", 500));
        if (validation.Failed)
        {
            return Problems.FromRejections(validation.Rejections);
        }

        var command = new CancelWindow(new OperationId(operationId), new CorridorId(corridorId), new WindowId(windowId), reason);
        return await Writes.Record(context, store, request, command);
    }

    private static IResult OpenAt(Guid operationId, Guid corridorId, string? at, LogStore store, TimeProvider clock)
    {
        var instant = Instant.FromDateTimeOffset(clock.GetUtcNow());
        if (at is not null)
        {
            var parsed = NodaTime.Text.InstantPattern.ExtendedIso.Parse(at);
            if (!parsed.Success)
            {
                return Problems.BadRequest(ServerReasons.Requests.NotUtcInstant.Invalid("at", ("value", at)));
            }

            if (!DateBounds.HoldsYear(parsed.Value.InUtc().Year))
            {
                return Problems.FromRejections([DateBounds.Refused("at", at)]);
            }

            instant = parsed.Value;
        }

        return Reads.One(
            store.Read(session => Answer(session, new OperationId(operationId), new CorridorId(corridorId), instant)),
            answer => Results.Ok(answer),
            Reasons.Corridors.NotFound.NotFound("corridorId", ("corridor", corridorId), ("operation", operationId)));
    }

    private static OpenAtResponse? Answer(SqlSession session, OperationId operationId, CorridorId corridorId, Instant at)
    {
        var operation = OperationsProjection.Find(session, operationId);
        var corridor = CorridorsProjection.Find(session, operationId, corridorId);
        if (operation is null || corridor is null)
        {
            return null;
        }

        var windows = CorridorsProjection.Windows(session, corridorId);
        var answer = CorridorSchedule.IsOpenAt(CorridorsProjection.StatusChanges(session, corridorId), windows, operation.TimeZone.Zone, at);
        var next = CorridorSchedule.NextWindow(windows, operation.TimeZone.Zone, at);
        return new OpenAtResponse(
            at.ToDateTimeOffset(),
            answer.Open,
            answer.Status.Name(),
            answer.Window is { } window ? new OccurrenceResponse(window.Id.Value, answer.Occurrence!.Value.Start.ToDateTimeOffset(), answer.Occurrence.Value.End.ToDateTimeOffset()) : null,
            next is { } n ? new OccurrenceResponse(n.Window.Id.Value, n.Occurrence.Start.ToDateTimeOffset(), n.Occurrence.End.ToDateTimeOffset()) : null);
    }
}
