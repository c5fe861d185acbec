using Lifeline.Domain;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Primitives;
using Lifeline.Server.Access;
using Lifeline.Server.Http;
using Lifeline.Storage.Corridors;
using Lifeline.Storage.Database;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Writing;
using Lifeline.Storage.Zones;
using NodaTime;

namespace Lifeline.Server.Corridors;

public sealed record RecordPassageRequest(
    Guid? CorridorId,
    Guid? CheckpointId,
    string? Direction,
    DateTimeOffset? OccurredAt,
    IReadOnlyList<PassageCountInput?>? Counts,
    int? Vehicles,
    int? MedicalEvacuations,
    int? WeaponsHandedIn,
    string? OutOfWindowReason,
    Guid? Corrects);

public sealed record FlowBucketResponse(DateTimeOffset Start, DateTimeOffset End, long People, long OutOfWindowPeople, long Passages);

public sealed record FlowResponse(Guid CorridorId, string By, string Direction, IReadOnlyList<FlowBucketResponse> Buckets);

public sealed record Breakdown(string Key, long People);

/// <summary>Cumulative people through a corridor with their breakdown, and the recent rate against capacity.</summary>
public sealed record FlowSummary(
    Guid CorridorId,
    DateTimeOffset At,
    long Outbound,
    long Inbound,
    long OutOfWindowPeople,
    IReadOnlyList<Breakdown> ByCategory,
    IReadOnlyList<Breakdown> BySex,
    IReadOnlyList<Breakdown> ByAgeBand,
    double PeoplePerOpenHourLast24Hours,
    int? PlannedCapacityPerHour,
    double? RateAgainstCapacity);

public sealed record EvacuationEstimate(
    DateTimeOffset At,
    long Remaining,
    Guid? ZoneId,
    IReadOnlyList<Guid> Corridors,
    double PeoplePerOpenHour,
    double PlannedCapacityPerHour,
    DateTimeOffset? OutAtCurrentRate,
    DateTimeOffset? OutAtPlannedCapacity);

public static class PassageEndpoints
{
    private static readonly Duration RecentSpan = Duration.FromHours(24);

    public static IEndpointRouteBuilder MapPassages(this IEndpointRouteBuilder app)
    {
        var writes = app.MapGroup("/operations/{operationId:guid}").WithTags("Passages and flow").RequireAuthorization(Policies.RecordPassage);
        writes.MapPost("/passages", Record).ProducesWrite();
        // Bulk import is for coordinators: a file may name any checkpoint, and checkpoint officers are
        // limited to theirs, which the single-passage endpoint checks.
        var imports = app.MapGroup("/operations/{operationId:guid}").WithTags("Passages and flow").RequireAuthorization(Policies.ManageOperation);
        imports.MapPost("/passages/import", Import)
            .Accepts<string>("text/csv")
            .Produces<ImportOutcome>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        var group = app.MapGroup("/operations/{operationId:guid}").WithTags("Passages and flow").RequireAuthorization(Policies.ReadOperation);
        group.MapGet("/corridors/{corridorId:guid}/flow", FlowOf).Produces<FlowResponse>().ProducesValidationProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/corridors/{corridorId:guid}/flow/summary", Summary).Produces<FlowSummary>();
        group.MapGet("/evacuation-estimate", Estimate).Produces<EvacuationEstimate>().ProducesValidationProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> Record(Guid operationId, RecordPassageRequest request, HttpContext context, LogStore store, TimeProvider clock)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = RecordPassage.From(operation, PassageId.New(clock), request.CorridorId, request.CheckpointId, request.Direction, request.OccurredAt, request.Counts, request.Vehicles, request.MedicalEvacuations, request.WeaponsHandedIn, request.OutOfWindowReason, request.Corrects, validation);
        if (command is null)
        {
            return Problems.FromRejections(validation.Rejections);
        }

        return SiteAccess.Refusal(context, Policies.RecordPassage, operation, command.CheckpointId.Value, "checkpointId")
            ?? await Writes.Record(context, store, request, command, id => $"/operations/{operationId}/corridors/{command.CorridorId}", command.OccurredAt);
    }

    private static async Task<IResult> Import(Guid operationId, HttpRequest request, HttpContext context, LogStore store, TimeProvider clock)
    {
        if (request.ContentLength > PassageImport.MaxBytes)
        {
            return Problems.FromRejections([ServerReasons.Imports.FileTooLarge.Invalid("file", ("mb", PassageImport.MaxBytes / 1048576))]);
        }

        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer)) > 0)
        {
            body.Write(buffer, 0, read);
            if (body.Length > PassageImport.MaxBytes)
            {
                break;
            }
        }

        var outcome = PassageImport.Import(store, new OperationId(operationId), body.ToArray(), Writes.AuthorOf(context), clock);
        return outcome.Succeeded
            ? Results.Ok(outcome)
            : Problems.FromRejections(outcome.Problems.Select(p => new Rejection(RejectionKind.Invalid, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {p.Line}: {p.Column}"), p.Message)).ToList());
    }

    private static IResult FlowOf(Guid operationId, Guid corridorId, DateTimeOffset? from, DateTimeOffset? to, string? by, string? direction, LogStore store)
    {
        var grouping = by ?? "hour";
        if (grouping is not ("hour" or "day"))
        {
            return Problems.BadRequest(ServerReasons.Requests.FlowBy.Invalid("by"));
        }

        var wanted = direction ?? "outbound";
        if (!PassageNames.Directions.TryGetValue(wanted, out var flowDirection))
        {
            return Problems.BadRequest(ServerReasons.Requests.FlowDirection.Invalid("direction"));
        }

        var start = from ?? DateTimeOffset.UnixEpoch;
        var end = to ?? DateTimeOffset.MaxValue.AddDays(-1);
        if (end <= start)
        {
            return Problems.BadRequest(ServerReasons.Requests.FlowToAfterFrom.Invalid("to"));
        }

        return Reads.One(
            store.Read(session =>
            {
                var operation = OperationsProjection.Find(session, new OperationId(operationId));
                var corridor = CorridorsProjection.Find(session, new OperationId(operationId), new CorridorId(corridorId));
                if (operation is null || corridor is null)
                {
                    return null;
                }

                var hours = PassagesProjection.Hourly(session, corridor.Id, start, end)
                    .Where(h => h.Direction == flowDirection)
                    .Select(h => new FlowBucket(Instant.FromDateTimeOffset(h.HourStart), Instant.FromDateTimeOffset(h.HourStart.AddHours(1)), h.People, h.OutOfWindowPeople, h.Passages));
                var buckets = grouping == "day" ? Flow.ByLocalDay(hours, operation.TimeZone.Zone) : hours.ToList();
                return new FlowResponse(corridorId, grouping, flowDirection.Name(), buckets.Select(b => new FlowBucketResponse(b.Start.ToDateTimeOffset(), b.End.ToDateTimeOffset(), b.People, b.OutOfWindowPeople, b.Passages)).ToList());
            }),
            flow => Results.Ok(flow),
            Reasons.Corridors.NotFound.NotFound("corridorId", ("corridor", corridorId), ("operation", operationId)));
    }

    private static IResult Summary(Guid operationId, Guid corridorId, DateTimeOffset? at, LogStore store, TimeProvider clock)
    {
        var when = at ?? clock.GetUtcNow();
        return Reads.One(
            store.Read(session =>
            {
                var operation = OperationsProjection.Find(session, new OperationId(operationId));
                var corridor = CorridorsProjection.Find(session, new OperationId(operationId), new CorridorId(corridorId));
                if (operation is null || corridor is null)
                {
                    return null;
                }

                var totals = PassagesProjection.Totals(session, corridor.Id);
                var outbound = totals.Where(c => c.Direction == PassageDirection.Outbound).ToList();
                var rate = RecentRate(session, corridor, operation.TimeZone.Zone, Instant.FromDateTimeOffset(when));
                return new FlowSummary(
                    corridorId,
                    when,
                    outbound.Sum(c => c.People),
                    totals.Where(c => c.Direction == PassageDirection.Inbound).Sum(c => c.People),
                    PassagesProjection.Hourly(session, corridor.Id, DateTimeOffset.UnixEpoch, when).Sum(h => h.OutOfWindowPeople),
                    outbound.GroupBy(c => c.Category.Name()).Select(g => new Breakdown(g.Key, g.Sum(c => c.People))).ToList(),
                    outbound.GroupBy(c => c.Sex.Name()).Select(g => new Breakdown(g.Key, g.Sum(c => c.People))).ToList(),
                    outbound.GroupBy(c => c.AgeBand).OrderBy(g => g.Key).Select(g => new Breakdown(g.Key.Name(), g.Sum(c => c.People))).ToList(),
                    rate,
                    corridor.CapacityPerHour,
                    corridor.CapacityPerHour is { } capacity ? rate / capacity : null);
            }),
            summary => Results.Ok(summary),
            Reasons.Corridors.NotFound.NotFound("corridorId", ("corridor", corridorId), ("operation", operationId)));
    }

    private static IResult Estimate(Guid operationId, long? remaining, Guid? zoneId, DateTimeOffset? at, LogStore store, TimeProvider clock)
    {
        if (remaining is not { } people || people < 0)
        {
            return Problems.BadRequest(ServerReasons.Requests.RemainingRange.Invalid("remaining"));
        }

        var when = Instant.FromDateTimeOffset(at ?? clock.GetUtcNow());
        return Reads.InOperation(
            store,
            operationId,
            (session, operation) =>
            {
                var zone = OperationsProjection.Find(session, operation)!.TimeZone.Zone;
                var area = zoneId is { } z ? ZonesProjection.Find(session, operation, new ZoneId(z)) : null;
                if (zoneId is not null && area is null)
                {
                    return null;
                }

                // Corridors out of the zone: open now, outbound, with a route that reaches into the zone.
                var corridors = CorridorsProjection.List(session, operation)
                    .Where(c => c.Status == CorridorStatus.Open && c.Directions != CorridorDirections.Inbound)
                    .Where(c => area is null || c.Route.ToGeometry().Intersects(area.Area.ToGeometry()))
                    .ToList();
                var current = corridors.Select(c => new CorridorThroughput(c.Id, RecentRate(session, c, zone, when), CorridorsProjection.Windows(session, c.Id))).ToList();
                var planned = corridors.Select(c => new CorridorThroughput(c.Id, c.CapacityPerHour ?? 0, CorridorsProjection.Windows(session, c.Id))).ToList();
                return new EvacuationEstimate(
                    when.ToDateTimeOffset(),
                    people,
                    zoneId,
                    corridors.Select(c => c.Id.Value).ToList(),
                    current.Sum(c => c.PeoplePerOpenHour),
                    planned.Sum(c => c.PeoplePerOpenHour),
                    Flow.EstimateOut(people, current, zone, when)?.ToDateTimeOffset(),
                    Flow.EstimateOut(people, planned, zone, when)?.ToDateTimeOffset());
            },
            estimate => estimate is null ? Problems.NotFound(ServerReasons.Requests.ZoneNotFound.NotFound("zoneId", ("zone", (object?)zoneId ?? string.Empty), ("operation", operationId))) : Results.Ok(estimate));
    }

    /// <summary>Outbound people per open hour over the last day.</summary>
    private static double RecentRate(SqlSession session, Domain.Corridors.Corridor corridor, DateTimeZone zone, Instant at)
    {
        var span = new Interval(at - RecentSpan, at);
        var people = PassagesProjection.Hourly(session, corridor.Id, span.Start.ToDateTimeOffset(), span.End.ToDateTimeOffset())
            .Where(h => h.Direction == PassageDirection.Outbound)
            .Sum(h => h.People);
        return Flow.PeoplePerOpenHour(people, Flow.OpenTime(CorridorsProjection.Windows(session, corridor.Id), zone, span));
    }
}
