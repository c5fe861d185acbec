using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Server.Access;
using Lifeline.Server.Web.Shared;
using Lifeline.Storage.Movements;
using Lifeline.Storage.Writing;
using Microsoft.AspNetCore.Mvc;

namespace Lifeline.Server.Web.Movements;

/// <summary>One truck row of the plan form; a row left blank is no truck.</summary>
public sealed class TruckRow
{
    public string? Id { get; init; }

    public string? PayloadKg { get; init; }

    public string? VolumeM3 { get; init; }

    public bool Blank => string.IsNullOrWhiteSpace(Id) && string.IsNullOrWhiteSpace(PayloadKg) && string.IsNullOrWhiteSpace(VolumeM3);
}

/// <summary>What the plan form sends: a convoy's trucks or a sortie's aircraft and derating, every value as typed.</summary>
public sealed class PlanMovementForm
{
    public string? Mode { get; init; }

    public string? OriginSiteId { get; init; }

    public string? DestinationSiteId { get; init; }

    public string? PlannedDeparture { get; init; }

    public string? Crew { get; init; }

    public string? CorridorId { get; init; }

    public string? Route { get; init; }

    public List<TruckRow>? Trucks { get; init; }

    public string? AircraftType { get; init; }

    public string? TailNumber { get; init; }

    public string? MaxPayloadKg { get; init; }

    public string? AircraftVolumeM3 { get; init; }

    public string? RangePercent { get; init; }

    public string? TemperaturePercent { get; init; }

    public string? AltitudePercent { get; init; }

    public string? IdempotencyKey { get; init; }
}

/// <summary>One line row of a manifest or a correction; a row left blank is no line.</summary>
public sealed class ManifestLineRow
{
    public string? CommodityId { get; init; }

    public string? Lot { get; init; }

    public string? Quantity { get; init; }

    public bool Blank => string.IsNullOrWhiteSpace(CommodityId) && string.IsNullOrWhiteSpace(Lot) && string.IsNullOrWhiteSpace(Quantity);
}

/// <summary>What the manifest form sends: the vehicle and its line rows.</summary>
public sealed class ManifestForm
{
    public string? VehicleId { get; init; }

    public List<ManifestLineRow>? Lines { get; init; }

    public string? IdempotencyKey { get; init; }
}

/// <summary>The departure form sends only when the movement left: departing seals what the manifests say.</summary>
public sealed class DepartForm
{
    /// <summary>When it happened, in the operation's time zone; empty for now.</summary>
    public string? OccurredAt { get; init; }

    public string? IdempotencyKey { get; init; }
}

/// <summary>One line in transit on the proof of delivery form.</summary>
public sealed class DeliveryRow
{
    public string? ManifestId { get; init; }

    public string? Line { get; init; }

    public string? Received { get; init; }

    public string? Damaged { get; init; }

    public string? Reason { get; init; }
}

/// <summary>What the proof of delivery form sends: who received, and a row for every line in transit.</summary>
public sealed class DeliveryForm
{
    public string? ReceivedBy { get; init; }

    public List<DeliveryRow>? Lines { get; init; }

    /// <summary>When it happened, in the operation's time zone; empty for now.</summary>
    public string? OccurredAt { get; init; }

    public string? IdempotencyKey { get; init; }
}

/// <summary>What the correction form of a sealed manifest sends.</summary>
public sealed class CorrectionForm
{
    public List<ManifestLineRow>? Lines { get; init; }

    public string? Reason { get; init; }

    public string? IdempotencyKey { get; init; }
}

/// <summary>
/// What an inspector found of one manifest line (<see cref="Line"/>, left blank when it matched), or of cargo
/// that is not on the manifest (no line, a commodity and lot instead).
/// </summary>
public sealed class InspectionRow
{
    public string? Line { get; init; }

    public string? CommodityId { get; init; }

    public string? Lot { get; init; }

    public string? Found { get; init; }

    public string? Note { get; init; }

    public bool Blank => string.IsNullOrWhiteSpace(CommodityId) && string.IsNullOrWhiteSpace(Lot) && string.IsNullOrWhiteSpace(Found) && string.IsNullOrWhiteSpace(Note);
}

/// <summary>What the inspection form of a sealed manifest sends: a row per manifest line, then one for cargo not on it.</summary>
public sealed class InspectionForm
{
    public string? Organisation { get; init; }

    public string? Finding { get; init; }

    public string? Note { get; init; }

    public List<InspectionRow>? Differences { get; init; }

    /// <summary>When it happened, in the operation's time zone; empty for now.</summary>
    public string? OccurredAt { get; init; }

    public string? IdempotencyKey { get; init; }
}

/// <summary>
/// The forms of a movement's life, each through the same command and decider as its API endpoint: plan (on the
/// movements page), manifest, depart, proof of delivery, and a sealed manifest's corrections and inspections.
/// </summary>
public static class MovementForms
{
    /// <summary>The prefix of the plan form's inputs.</summary>
    public const string Plan = "plan";

    /// <summary>The prefix of the manifest form's inputs.</summary>
    public const string Manifest = "manifest";

    /// <summary>The prefix of the proof of delivery form's inputs.</summary>
    public const string Delivery = "delivery";

    /// <summary>The id of the departure button, next to which a refused departure is shown.</summary>
    public const string Depart = "depart";

    public static IEndpointRouteBuilder MapMovementForms(this IEndpointRouteBuilder app)
    {
        var writes = app.OperationPages(Policies.ManageStock);
        writes.MapPost("/movements", PlanForm);
        writes.MapPost("/movements/{movementId:guid}/manifests", ManifestFormPost);
        writes.MapPost("/movements/{movementId:guid}/depart", DepartFormPost);
        writes.MapPost("/movements/{movementId:guid}/delivery", DeliveryFormPost);
        writes.MapPost("/manifests/{manifestId:guid}/corrections", CorrectionFormPost);
        writes.MapPost("/manifests/{manifestId:guid}/inspections", InspectionFormPost);
        return app;
    }

    /// <summary>The prefix of the correction form of one sealed manifest.</summary>
    public static string Correction(Guid manifest) => $"correct-{manifest}";

    /// <summary>The prefix of the inspection form of one sealed manifest.</summary>
    public static string Inspection(Guid manifest) => $"inspect-{manifest}";

    private static async Task<IResult> PlanForm(Guid operationId, [FromForm] PlanMovementForm form, HttpContext context, LogStore store, TimeProvider clock)
    {
        var web = WebContext.For(context, operationId);
        var operation = new OperationId(operationId);
        var unreadable = new List<Rejection>();
        DateTimeOffset? departure = null;
        if (!string.IsNullOrWhiteSpace(form.PlannedDeparture))
        {
            departure = web.ParseInput(form.PlannedDeparture);
            if (departure is null)
            {
                unreadable.Add(FormValues.OutOfBounds(form.PlannedDeparture, "plannedDeparture") ?? ServerReasons.Forms.DepartureTimeRequired.Invalid("plannedDeparture"));
            }
        }

        var crew = FormValues.Whole(form.Crew, "crew", unreadable);
        var road = string.Equals(form.Mode, "road", StringComparison.OrdinalIgnoreCase);
        var air = string.Equals(form.Mode, "air", StringComparison.OrdinalIgnoreCase);
        var rows = new List<int>();
        List<TruckInput>? trucks = null;
        if (road)
        {
            trucks = [];
            for (var row = 0; row < (form.Trucks?.Count ?? 0); row++)
            {
                var truck = form.Trucks![row];
                if (truck.Blank)
                {
                    continue;
                }

                var field = $"trucks[{trucks.Count}]";
                trucks.Add(new TruckInput(truck.Id, FormValues.Decimal(truck.PayloadKg, $"{field}.payloadKg", unreadable, "10000"), FormValues.Decimal(truck.VolumeM3, $"{field}.volumeM3", unreadable, "40")));
                rows.Add(row);
            }
        }

        AircraftInput? aircraft = null;
        DeratingInput? derating = null;
        if (air)
        {
            if (new[] { form.AircraftType, form.TailNumber, form.MaxPayloadKg, form.AircraftVolumeM3 }.Any(v => !string.IsNullOrWhiteSpace(v)))
            {
                aircraft = new AircraftInput(form.AircraftType, form.TailNumber, FormValues.Decimal(form.MaxPayloadKg, "aircraft.maxPayloadKg", unreadable, "4000"), FormValues.Decimal(form.AircraftVolumeM3, "aircraft.volumeM3", unreadable, "22"));
            }

            derating = new DeratingInput(
                FormValues.Decimal(form.RangePercent, "derating.rangePercent", unreadable, "10"),
                FormValues.Decimal(form.TemperaturePercent, "derating.temperaturePercent", unreadable, "15"),
                FormValues.Decimal(form.AltitudePercent, "derating.altitudePercent", unreadable, "0"));
        }

        string Field(string field) => field switch
        {
            "trucks" => FieldIds.Row(Plan, "trucks", 0, "id"),
            "aircraft" => $"{Plan}-aircraft-type",
            _ => FieldIds.Of(Plan, field, rows),
        };

        var validation = new Validation();
        var command = PlanMovement.From(operation, MovementId.New(clock), form.Mode, Id(form.OriginSiteId), Id(form.DestinationSiteId), departure, Id(form.CorridorId), form.Route, crew, trucks, aircraft, derating, validation);
        var outcome = unreadable.Count > 0 || command is null
            ? FormWrites.Invalid(unreadable, validation, Field)
            : await FormWrites.Record(context, store, new { form.Mode, form.OriginSiteId, form.DestinationSiteId, departure, crew, form.CorridorId, form.Route, trucks, aircraft, derating }, command, form.IdempotencyKey, Field);
        return MovementPages.RenderMovements(web, store, outcome, outcome.Receipt is null ? form : null);
    }

    private static async Task<IResult> ManifestFormPost(Guid operationId, Guid movementId, [FromForm] ManifestForm form, HttpContext context, LogStore store, TimeProvider clock)
    {
        var web = WebContext.For(context, operationId);
        var operation = new OperationId(operationId);
        var unreadable = new List<Rejection>();
        var (lines, rows) = Lines(form.Lines, unreadable);
        string Field(string field) => field is "lines" or "movementId" ? $"{Manifest}-lines" : FieldIds.Of(Manifest, field, rows);

        var validation = new Validation();
        var command = RecordManifest.From(operation, ManifestId.New(clock), new MovementId(movementId), form.VehicleId, lines, validation);
        var outcome = unreadable.Count > 0 || command is null
            ? FormWrites.Invalid(unreadable, validation, Field)
            : await FormWrites.Record(context, store, new { movementId, form.VehicleId, lines }, command, form.IdempotencyKey, Field);
        return MovementPages.RenderMovement(web, store, movementId, outcome, outcome.Receipt is null ? form : null);
    }

    private static async Task<IResult> DepartFormPost(Guid operationId, Guid movementId, [FromForm] DepartForm form, HttpContext context, LogStore store, TimeProvider clock)
    {
        var web = WebContext.For(context, operationId);
        var operation = new OperationId(operationId);
        var unreadable = new List<Rejection>();
        var occurredAt = FormValues.Time(form.OccurredAt, web, "occurredAt", unreadable);
        string Field(string field) => field is "occurredAt" ? $"{Depart}-occurredAt" : Depart;

        var command = new DepartMovement(operation, new MovementId(movementId), occurredAt ?? clock.GetUtcNow());
        var outcome = unreadable.Count > 0
            ? FormWrites.Invalid(unreadable, new Validation(), Field)
            : await FormWrites.Record(context, store, new { movementId, depart = true, occurredAt }, command, form.IdempotencyKey, Field, command.At);
        return MovementPages.RenderMovement(web, store, movementId, outcome, outcome.Receipt is null ? form : null);
    }

    private static async Task<IResult> DeliveryFormPost(Guid operationId, Guid movementId, [FromForm] DeliveryForm form, HttpContext context, LogStore store, TimeProvider clock)
    {
        var web = WebContext.For(context, operationId);
        var operation = new OperationId(operationId);
        var unreadable = new List<Rejection>();
        var lines = new List<DeliveryLineInput>();
        for (var row = 0; row < (form.Lines?.Count ?? 0); row++)
        {
            var line = form.Lines![row];
            var field = $"lines[{row}]";
            lines.Add(new DeliveryLineInput(
                Id(line.ManifestId),
                int.TryParse(line.Line, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null,
                FormValues.Decimal(line.Received, $"{field}.received", unreadable, "40"),
                FormValues.Decimal(line.Damaged, $"{field}.damaged", unreadable, "0"),
                line.Reason));
        }

        var occurredAt = FormValues.Time(form.OccurredAt, web, "occurredAt", unreadable);
        static string Field(string field) => field switch
        {
            "receivedBy" or "occurredAt" => $"{Delivery}-{field}",
            _ when field.EndsWith(".line", StringComparison.Ordinal) || field.EndsWith(".manifestId", StringComparison.Ordinal) => FieldIds.Of(Delivery, field[..field.LastIndexOf('.')] + ".received"),
            _ when field.StartsWith("lines[", StringComparison.Ordinal) => FieldIds.Of(Delivery, field),
            _ => $"{Delivery}-lines",
        };

        var validation = new Validation();
        var command = RecordDelivery.From(operation, new MovementId(movementId), form.ReceivedBy, lines, occurredAt ?? clock.GetUtcNow(), validation);
        var outcome = unreadable.Count > 0 || command is null
            ? FormWrites.Invalid(unreadable, validation, Field)
            : await FormWrites.Record(context, store, new { movementId, form.ReceivedBy, lines, occurredAt }, command, form.IdempotencyKey, Field, command.At);
        return MovementPages.RenderMovement(web, store, movementId, outcome, outcome.Receipt is null ? form : null);
    }

    private static async Task<IResult> CorrectionFormPost(Guid operationId, Guid manifestId, [FromForm] CorrectionForm form, HttpContext context, LogStore store, TimeProvider clock)
    {
        var web = WebContext.For(context, operationId);
        var operation = new OperationId(operationId);
        if (MovementOf(store, operation, manifestId) is not { } movementId)
        {
            return Pages.Render<NotFound>(new { Web = web }, StatusCodes.Status404NotFound);
        }

        var prefix = Correction(manifestId);
        var unreadable = new List<Rejection>();
        var (lines, rows) = Lines(form.Lines, unreadable);
        string Field(string field) => field is "lines" or "corrects" ? $"{prefix}-lines" : FieldIds.Of(prefix, field, rows);

        var validation = new Validation();
        var command = CorrectManifest.From(operation, ManifestId.New(clock), manifestId, lines, form.Reason, validation);
        var outcome = unreadable.Count > 0 || command is null
            ? FormWrites.Invalid(unreadable, validation, Field)
            : await FormWrites.Record(context, store, new { manifestId, lines, form.Reason }, command, form.IdempotencyKey, Field);
        return MovementPages.RenderMovement(web, store, movementId, outcome, outcome.Receipt is null ? new ManifestInput(manifestId, form) : null);
    }

    private static async Task<IResult> InspectionFormPost(Guid operationId, Guid manifestId, [FromForm] InspectionForm form, HttpContext context, LogStore store, TimeProvider clock)
    {
        var web = WebContext.For(context, operationId);
        var operation = new OperationId(operationId);
        if (MovementOf(store, operation, manifestId) is not { } movementId)
        {
            return Pages.Render<NotFound>(new { Web = web }, StatusCodes.Status404NotFound);
        }

        var prefix = Inspection(manifestId);
        var unreadable = new List<Rejection>();
        var differences = new List<InspectedLineInput>();
        var rows = new List<int>();
        for (var row = 0; row < (form.Differences?.Count ?? 0); row++)
        {
            var line = form.Differences![row];
            if (line.Blank)
            {
                continue;
            }

            var found = FormValues.Decimal(line.Found, $"differences[{differences.Count}].found", unreadable, "18");
            var number = int.TryParse(line.Line, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var manifested) ? manifested : (int?)null;
            differences.Add(number is null
                ? new InspectedLineInput(null, Id(line.CommodityId), line.Lot?.Trim(), found, line.Note)
                : new InspectedLineInput(number, null, null, found, line.Note));
            rows.Add(row);
        }

        var occurredAt = FormValues.Time(form.OccurredAt, web, "occurredAt", unreadable);
        string Field(string field) => field switch
        {
            "differences" => $"{prefix}-differences",
            "manifestId" => $"{prefix}-organisation",
            _ when field.EndsWith(".line", StringComparison.Ordinal) => FieldIds.Of(prefix, field[..field.LastIndexOf('.')] + ".found", rows),
            _ => FieldIds.Of(prefix, field, rows),
        };

        var validation = new Validation();
        var command = RecordInspection.From(operation, InspectionId.New(clock), manifestId, form.Organisation, form.Finding, differences, form.Note, validation);
        var outcome = unreadable.Count > 0 || command is null
            ? FormWrites.Invalid(unreadable, validation, Field)
            : await FormWrites.Record(context, store, new { manifestId, form.Organisation, form.Finding, differences, form.Note, occurredAt }, command, form.IdempotencyKey, Field, occurredAt);
        return MovementPages.RenderMovement(web, store, movementId, outcome, outcome.Receipt is null ? new ManifestInput(manifestId, form) : null);
    }

    /// <summary>The rows that are not blank as the command's lines, and for each the row it came from.</summary>
    private static (List<ManifestLineInput> Lines, List<int> Rows) Lines(List<ManifestLineRow>? form, List<Rejection> unreadable)
    {
        var lines = new List<ManifestLineInput>();
        var rows = new List<int>();
        for (var row = 0; row < (form?.Count ?? 0); row++)
        {
            var line = form![row];
            if (line.Blank)
            {
                continue;
            }

            lines.Add(new ManifestLineInput(Id(line.CommodityId), line.Lot?.Trim(), FormValues.Decimal(line.Quantity, $"lines[{lines.Count}].quantity", unreadable, "40")));
            rows.Add(row);
        }

        return (lines, rows);
    }

    private static Guid? MovementOf(LogStore store, OperationId operation, Guid manifestId) =>
        store.Read(session => ManifestsProjection.Find(session, operation, new ManifestId(manifestId)))?.Manifest.MovementId.Value;

    private static Guid? Id(string? text) => Guid.TryParse(text, out var id) ? id : null;
}

/// <summary>What a refused form of one manifest (a correction or an inspection) sent, to show it again under that manifest.</summary>
public sealed record ManifestInput(Guid ManifestId, object Form);
