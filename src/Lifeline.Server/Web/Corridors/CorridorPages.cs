using Lifeline.Domain.Corridors;
using Lifeline.Domain.Primitives;
using Lifeline.Server.Access;
using Lifeline.Server.Web.Shared;
using Lifeline.Storage.Corridors;
using Lifeline.Storage.Writing;
using Microsoft.AspNetCore.Mvc;

namespace Lifeline.Server.Web.Corridors;

public sealed class StatusForm
{
    public string? Status { get; init; }

    public string? Reason { get; init; }

    public string? Authority { get; init; }

    public string? IdempotencyKey { get; init; }
}

public sealed class WindowForm
{
    public string? Recurrence { get; init; }

    public string? Start { get; init; }

    public string? End { get; init; }

    public string? FirstDay { get; init; }

    public string? LastDay { get; init; }

    public string? DailyFrom { get; init; }

    public string? DailyTo { get; init; }

    public string? Reason { get; init; }

    public string? IdempotencyKey { get; init; }
}

public sealed class CancelForm
{
    public string? Reason { get; init; }

    public string? IdempotencyKey { get; init; }
}

public sealed class PauseForm
{
    public Guid[]? CorridorIds { get; init; }

    public string? Start { get; init; }

    public string? End { get; init; }

    public string? Reason { get; init; }

    public string? IdempotencyKey { get; init; }
}

/// <summary>The corridors: their figures, one corridor's history and windows, and the coordinator's forms.</summary>
public static class CorridorPages
{
    public static IEndpointRouteBuilder MapCorridorPages(this IEndpointRouteBuilder app)
    {
        var reads = app.OperationPages(Policies.ReadOperation);
        reads.MapGet("/corridors", (Guid operationId, HttpContext context, LogStore store) => List(context, store, operationId, null, null));
        reads.MapGet("/corridors/{corridorId:guid}", (Guid operationId, Guid corridorId, HttpContext context, LogStore store) => Detail(context, store, operationId, corridorId, null));

        var writes = app.OperationPages(Policies.ManageOperation);
        writes.MapPost("/corridors/{corridorId:guid}/status", ChangeStatus);
        writes.MapPost("/corridors/{corridorId:guid}/windows", Schedule);
        writes.MapPost("/corridors/{corridorId:guid}/windows/{windowId:guid}/cancel", Cancel);
        writes.MapPost("/pauses", Pause);
        return app;
    }

    private static IResult List(HttpContext context, LogStore store, Guid operationId, FormOutcome? outcome, PauseForm? form)
    {
        var web = WebContext.For(context, operationId);
        var corridors = store.Read(session => CorridorFigures.Read(session, web.Operation!, web.Now));
        return Pages.Render<CorridorsPage>(new { Web = web, Corridors = corridors, Outcome = outcome, Pause = form }, outcome?.Status ?? StatusCodes.Status200OK);
    }

    private static IResult Detail(HttpContext context, LogStore store, Guid operationId, Guid corridorId, FormOutcome? outcome, object? form = null)
    {
        var web = WebContext.For(context, operationId);
        var corridor = new CorridorId(corridorId);
        var detail = store.Read(session => CorridorFigures.Read(session, web.Operation!, web.Now).FirstOrDefault(c => c.Corridor.Id == corridor) is { } figures
            ? new CorridorDetailModel(figures, CorridorsProjection.History(session, corridor), CorridorsProjection.Windows(session, corridor))
            : null);
        return detail is null
            ? Pages.Render<NotFound>(new { Web = web }, StatusCodes.Status404NotFound)
            : Pages.Render<CorridorPage>(new { Web = web, Detail = detail, Outcome = outcome, Form = form }, outcome?.Status ?? StatusCodes.Status200OK);
    }

    private static async Task<IResult> ChangeStatus(Guid operationId, Guid corridorId, [FromForm] StatusForm form, HttpContext context, LogStore store)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = ChangeCorridorStatus.From(operation, new CorridorId(corridorId), form.Status, form.Reason, form.Authority, validation);
        var outcome = command is null
            ? FormWrites.Invalid(validation)
            : await FormWrites.Record(context, store, form, command, form.IdempotencyKey);
        return Detail(context, store, operationId, corridorId, outcome, outcome.Receipt is null ? form : null);
    }

    private static async Task<IResult> Schedule(Guid operationId, Guid corridorId, [FromForm] WindowForm form, HttpContext context, LogStore store)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = ScheduleWindow.From(operation, [new CorridorId(corridorId)], form.Recurrence, Empty(form.Start), Empty(form.End), Empty(form.FirstDay), Empty(form.LastDay), Empty(form.DailyFrom), Empty(form.DailyTo), null, form.Reason, validation);
        var outcome = command is null
            ? FormWrites.Invalid(validation)
            : await FormWrites.Record(context, store, form, command, form.IdempotencyKey, field => field == "reason" ? "window-reason" : field);
        return Detail(context, store, operationId, corridorId, outcome, outcome.Receipt is null ? form : null);
    }

    private static async Task<IResult> Cancel(Guid operationId, Guid corridorId, Guid windowId, [FromForm] CancelForm form, HttpContext context, LogStore store)
    {
        var validation = new Validation();
        var reason = validation.Check(Check.RequiredText(form.Reason, "reason", 500));
        var operation = new OperationId(operationId);
        var outcome = validation.Failed
            ? FormWrites.Invalid(validation, field => $"cancel-{windowId}-{field}")
            : await FormWrites.Record(context, store, form, new CancelWindow(operation, new CorridorId(corridorId), new WindowId(windowId), reason), form.IdempotencyKey, field => $"cancel-{windowId}-{field}");
        return Detail(context, store, operationId, corridorId, outcome);
    }

    private static async Task<IResult> Pause(Guid operationId, [FromForm] PauseForm form, HttpContext context, LogStore store, TimeProvider clock)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var corridors = (form.CorridorIds ?? []).Select(id => new CorridorId(id)).ToList();
        var command = ScheduleWindow.From(operation, corridors, "once", Empty(form.Start), Empty(form.End), null, null, null, null, Guid.CreateVersion7(clock.GetUtcNow()), form.Reason, validation);
        var outcome = command is null
            ? FormWrites.Invalid(validation, PauseField)
            : await FormWrites.Record(context, store, form, command, form.IdempotencyKey, PauseField);
        return List(context, store, operationId, outcome, outcome.Receipt is null ? form : null);
    }

    /// <summary>An empty input means "not given", as an absent JSON member does.</summary>
    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string PauseField(string field) => field switch
    {
        "corridorIds" or "corridorId" => "pause-corridors",
        _ => $"pause-{field}",
    };
}

public sealed record CorridorDetailModel(CorridorFigures Figures, IReadOnlyList<CorridorStatusRecord> History, IReadOnlyList<OpeningWindow> Windows);
