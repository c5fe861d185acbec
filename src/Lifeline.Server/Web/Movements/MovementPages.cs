using System.Globalization;
using Lifeline.Domain.Incidents;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;
using Lifeline.Server.Access;
using Lifeline.Server.Movements;
using Lifeline.Server.Web.Reports;
using Lifeline.Server.Web.Shared;
using Lifeline.Storage.Commodities;
using Lifeline.Storage.Corridors;
using Lifeline.Storage.Incidents;
using Lifeline.Storage.Movements;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Stock;
using Lifeline.Storage.Writing;
using Microsoft.AspNetCore.Mvc;

namespace Lifeline.Server.Web.Movements;

/// <summary>Names the detail page shows in place of ids: sites and commodities.</summary>
public sealed record MovementNamesView(IReadOnlyDictionary<Guid, string> Sites, IReadOnlyDictionary<Guid, string> Commodities)
{
    public string Site(Guid? id) => id is { } known && Sites.TryGetValue(known, out var name) ? name : id?.ToString() ?? string.Empty;

    public string Commodity(Guid id) => Commodities.TryGetValue(id, out var code) ? code : id.ToString();
}

/// <summary>What the incident form sends; every value as typed, so a refused form comes back as it was.</summary>
public sealed class IncidentForm
{
    public string? Kind { get; init; }

    public string? OccurredAt { get; init; }

    public string? MovementId { get; init; }

    public string? SiteId { get; init; }

    public string? Place { get; init; }

    public string? Killed { get; init; }

    public string? Injured { get; init; }

    public string? CargoStatus { get; init; }

    public string? Narrative { get; init; }

    public string? IdempotencyKey { get; init; }
}

/// <summary>What the movement status form sends.</summary>
public sealed class MovementStatusForm
{
    public string? Status { get; init; }

    public string? Reason { get; init; }

    /// <summary>When it happened, in the operation's time zone; empty for now.</summary>
    public string? OccurredAt { get; init; }

    public string? IdempotencyKey { get; init; }
}

/// <summary>The movements and what the plan form offers: active sites and the corridors.</summary>
public sealed record MovementsView(IReadOnlyList<MovementRow> Rows, IReadOnlyList<Site> Sites, IReadOnlyList<Lifeline.Domain.Corridors.Corridor> Corridors);

/// <summary>One movement and what its forms offer: the catalogue and the lots at the origin.</summary>
public sealed record MovementView(MovementDetail Detail, MovementNamesView Names, IReadOnlyList<Lifeline.Domain.Commodities.Commodity> Commodities, IReadOnlyList<Lifeline.Domain.Stock.LotBalance> OriginLots);

/// <summary>The incidents and what the form offers: movements and sites to link an incident to.</summary>
/// <summary>The incidents page: each incident with its narrative as the caller is shown it (null: withheld or erased).</summary>
public sealed record IncidentsView(IReadOnlyList<(Incident Incident, string? Narrative)> Incidents, MovementNamesView Names, IReadOnlyList<Movement> Movements, IReadOnlyList<Site> Sites);

/// <summary>Movements (convoys and sorties) and one movement's lifecycle, manifests, inspections and proof of delivery; incidents.</summary>
public static class MovementPages
{
    public static IEndpointRouteBuilder MapMovementPages(this IEndpointRouteBuilder app)
    {
        var reads = app.OperationPages(Policies.ReadOperation);
        reads.MapGet("/movements", (Guid operationId, HttpContext context, LogStore store) => RenderMovements(WebContext.For(context, operationId), store, null, null));
        reads.MapGet("/movements/{movementId:guid}", (Guid operationId, Guid movementId, HttpContext context, LogStore store) => RenderMovement(WebContext.For(context, operationId), store, movementId, null, null));
        app.OperationPages(Policies.ManageStock).MapPost("/movements/{movementId:guid}/status", ChangeStatusForm);
        reads.MapGet("/incidents", (Guid operationId, HttpContext context, LogStore store) => RenderIncidents(context, WebContext.For(context, operationId), store, null, null));
        app.OperationPages(Policies.ManageStock).MapPost("/incidents", RecordIncidentForm);
        app.MapMovementForms();
        return app;
    }

    private static async Task<IResult> ChangeStatusForm(Guid operationId, Guid movementId, [FromForm] MovementStatusForm form, HttpContext context, LogStore store)
    {
        var web = WebContext.For(context, operationId);
        var operation = new OperationId(operationId);
        var unreadable = new List<Rejection>();
        var occurredAt = FormValues.Time(form.OccurredAt, web, "occurredAt", unreadable);
        var validation = new Validation();
        var command = ChangeMovementStatus.From(operation, new MovementId(movementId), form.Status, form.Reason?.Trim(), validation);
        var outcome = unreadable.Count > 0 || command is null
            ? FormWrites.Invalid(unreadable, validation, StatusField)
            : await FormWrites.Record(context, store, new { movementId, form.Status, form.Reason, occurredAt }, command, form.IdempotencyKey, StatusField, occurredAt);
        return RenderMovement(web, store, movementId, outcome, outcome.Receipt is null ? form : null);
    }

    /// <summary>The id of an input of the movement status form: <c>movement-reason</c>; a refused transition is the new status's error.</summary>
    public static string StatusField(string field) => field is "reason" or "occurredAt" ? $"movement-{field}" : "movement-to";

    /// <summary>The movements page, with the plan form's outcome and, when refused, what it sent.</summary>
    internal static IResult RenderMovements(WebContext web, LogStore store, FormOutcome? outcome, PlanMovementForm? input)
    {
        var view = store.Read(session => new MovementsView(
            LogisticsFigures.Rows(session, web.Operation!, MovementsProjection.List(session, web.Operation!.Id).OrderBy(m => m.PlannedDeparture)),
            SitesProjection.List(session, web.Operation.Id).Where(s => s.Status == SiteStatus.Active).ToList(),
            CorridorsProjection.List(session, web.Operation.Id)));
        return Pages.Render<MovementsPage>(new { Web = web, View = view, Outcome = outcome, Input = input }, outcome?.Status ?? StatusCodes.Status200OK);
    }

    /// <summary>A movement's page, with a form's outcome and, when refused, what that form sent (one of the movement forms).</summary>
    internal static IResult RenderMovement(WebContext web, LogStore store, Guid movementId, FormOutcome? outcome, object? input)
    {
        var view = store.Read(session =>
        {
            var detail = MovementEndpoints.Detail(session, web.Operation!.Id, new MovementId(movementId));
            return detail is null
                ? null
                : new MovementView(
                    detail,
                    Names(session, web),
                    CommoditiesProjection.List(session, web.Operation.Id),
                    StockProjection.Lots(session, web.Operation.Id, new SiteId(detail.Movement.OriginSiteId)));
        });
        return view is null
            ? Pages.Render<NotFound>(new { Web = web }, StatusCodes.Status404NotFound)
            : Pages.Render<MovementPage>(new { Web = web, View = view, Outcome = outcome, Input = input }, outcome?.Status ?? StatusCodes.Status200OK);
    }

    /// <summary>The id of an input of the incident form: <c>incident-killed</c>.</summary>
    public static string IncidentField(string field) => $"incident-{field}";

    private static async Task<IResult> RecordIncidentForm(Guid operationId, [FromForm] IncidentForm form, HttpContext context, LogStore store, TimeProvider clock)
    {
        var web = WebContext.For(context, operationId);
        var operation = new OperationId(operationId);
        var errors = new List<Rejection>();
        var occurredAt = web.ParseInput(form.OccurredAt);
        if (occurredAt is null)
        {
            errors.Add(FormValues.OutOfBounds(form.OccurredAt, "occurredAt") ?? ServerReasons.Forms.IncidentTimeRequired.Invalid("occurredAt"));
        }

        var killed = Count(form.Killed, "killed", errors);
        var injured = Count(form.Injured, "injured", errors);
        var validation = new Validation();
        var command = RecordIncident.From(
            operation,
            IncidentId.New(clock),
            form.Kind,
            occurredAt ?? web.Now,
            Id(form.MovementId),
            Id(form.SiteId),
            null,
            null,
            form.Place?.Trim(),
            killed,
            injured,
            string.IsNullOrWhiteSpace(form.CargoStatus) ? null : form.CargoStatus,
            form.Narrative?.Trim(),
            validation);
        FormOutcome outcome;
        if (errors.Count > 0 || command is null)
        {
            outcome = new FormOutcome(null, FormErrors.From(errors.Concat(validation.Rejections.Where(r => errors.All(e => e.Field != r.Field))), IncidentField));
        }
        else
        {
            outcome = await FormWrites.Record(context, store, new { form.Kind, occurredAt, form.MovementId, form.SiteId, form.Place, killed, injured, form.CargoStatus, form.Narrative }, command, form.IdempotencyKey, IncidentField, command.At);
        }

        return RenderIncidents(context, web, store, outcome, outcome.Receipt is null ? form : null);
    }

    private static int? Count(string? text, string field, List<Rejection> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        if (int.TryParse(FormValues.Western(text), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return count;
        }

        errors.Add(ServerReasons.Forms.CountNotNumber.Invalid(field, ("text", text)));
        return null;
    }

    private static Guid? Id(string? text) => Guid.TryParse(text, out var id) ? id : null;

    private static IResult RenderIncidents(HttpContext context, WebContext web, LogStore store, FormOutcome? outcome, IncidentForm? input)
    {
        var personal = PersonalView.For(context, store, web.Operation!.Id.Value);
        var view = store.Read(session => new IncidentsView(
            [.. IncidentsProjection.List(session, web.Operation.Id).Select(i => (i, personal.Show(session, i.Narrative)))],
            Names(session, web),
            MovementsProjection.List(session, web.Operation.Id),
            SitesProjection.List(session, web.Operation.Id)));
        return Pages.Render<IncidentsPage>(new { Web = web, View = view, Outcome = outcome, Input = input }, outcome?.Status ?? StatusCodes.Status200OK);
    }

    private static MovementNamesView Names(Lifeline.Storage.Database.SqlSession session, WebContext web) => new(
        SitesProjection.List(session, web.Operation!.Id).ToDictionary(s => s.Id.Value, s => s.Name),
        CommoditiesProjection.List(session, web.Operation.Id).ToDictionary(c => c.Id.Value, c => c.Code));
}
