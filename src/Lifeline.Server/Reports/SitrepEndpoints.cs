using System.Text;
using Lifeline.Domain.Primitives;
using Lifeline.Server.Access;
using Lifeline.Server.Http;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Reports;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Reports;

/// <summary>The situation report for a range of the operation's local days, as JSON or as HXL-tagged CSV.</summary>
public static class SitrepEndpoints
{
    /// <summary>Longer ranges are refused: a report lists every day, and a year is already 366 rows.</summary>
    public const int MaxDays = 366;

    public static IEndpointRouteBuilder MapSitrep(this IEndpointRouteBuilder app)
    {
        // Aggregates only: every role in the operation may read them, partner observers included.
        var group = app.MapGroup("/operations/{operationId:guid}").WithTags("Situation report").RequireAuthorization(Policies.ReadOperation);
        group.MapGet("/reports/sitrep", (Guid operationId, DateOnly? from, DateOnly? to, LogStore store) => Answer(operationId, from, to, store, report => Results.Ok(report)))
            .Produces<SituationReport>()
            .ProducesValidationProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/exports/sitrep.hxl.csv", (Guid operationId, DateOnly? from, DateOnly? to, LogStore store) => Answer(operationId, from, to, store, report =>
        {
            using var text = new StringWriter();
            SitrepHxl.Write(report, text);
            return Results.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", "sitrep.hxl.csv");
        })).ProducesValidationProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    /// <summary>Checks a range of local days; null when it is well formed, else the problem naming the field.</summary>
    public static Rejection? CheckRange(DateOnly? from, DateOnly? to)
    {
        if (from is null || to is null)
        {
            return ServerReasons.Requests.SitrepRangeRequired.Invalid(from is null ? "from" : "to");
        }

        if (to < from)
        {
            return ServerReasons.Requests.SitrepToBeforeFrom.Invalid("to");
        }

        return to.Value.DayNumber - from.Value.DayNumber >= MaxDays ? ServerReasons.Requests.SitrepTooLong.Invalid("to", ("max", MaxDays)) : null;
    }

    private static IResult Answer(Guid operationId, DateOnly? from, DateOnly? to, LogStore store, Func<SituationReport, IResult> answer)
    {
        if (CheckRange(from, to) is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        return Reads.InOperation(
            store,
            operationId,
            (session, operation) => SituationReports.Build(session, OperationsProjection.Find(session, operation)!, from!.Value, to!.Value),
            answer);
    }
}
