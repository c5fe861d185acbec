using System.Globalization;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;
using Lifeline.Server.Access;
using Lifeline.Server.Web.Shared;
using Lifeline.Storage.Corridors;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Web.Passages;

/// <summary>What the passage form was sent with, kept to refill it when something is wrong.</summary>
public sealed record PassageInput(Guid? CorridorId, Guid? CheckpointId, string Direction, string OccurredAt, IReadOnlyDictionary<string, string> Cells, string? Vehicles, string? MedicalEvacuations, string? WeaponsHandedIn, string? OutOfWindowReason);

/// <summary>The corridors and the checkpoints this person may record at, for the form's choices.</summary>
public sealed record PassageChoices(IReadOnlyList<Corridor> Corridors, IReadOnlyList<Site> Checkpoints);

/// <summary>After a recorded passage: the corridor and its total now, shown beside the receipt.</summary>
public sealed record CorridorTotal(string Corridor, long People);

/// <summary>The checkpoint officer's tally form: the category × sex × age matrix, typed with the keyboard.</summary>
public static class PassagePages
{
    public static IEndpointRouteBuilder MapPassagePages(this IEndpointRouteBuilder app)
    {
        var group = app.OperationPages(Policies.RecordPassage);
        group.MapGet("/passages/new", (Guid operationId, Guid? corridor, Guid? checkpoint, HttpContext context, LogStore store) =>
        {
            var web = WebContext.For(context, operationId);
            var input = Blank(web, corridor, checkpoint, "outbound");
            return Render(web, store, input, null, null, StatusCodes.Status200OK);
        });
        group.MapPost("/passages", Record);
        return app;
    }

    /// <summary>The name of a matrix cell's input, also its id.</summary>
    public static string Cell(PersonCategory category, Sex sex, AgeBand band) => $"n-{category.Name()}-{sex.Name()}-{band.Name()}";

    /// <remarks>The form is bound whole (its cells are named by the matrix), which also makes the antiforgery token required.</remarks>
    private static async Task<IResult> Record(Guid operationId, IFormCollection form, HttpContext context, LogStore store, TimeProvider clock)
    {
        var web = WebContext.For(context, operationId);
        string? Text(string name) => form.TryGetValue(name, out var value) ? value.ToString().Trim() : null;

        var cells = Matrix().Select(cell => (cell.Name, Value: Text(cell.Name) ?? "")).Where(c => c.Value.Length > 0).ToDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal);
        var input = new PassageInput(
            Guid.TryParse(Text("corridorId"), out var corridorId) ? corridorId : null,
            Guid.TryParse(Text("checkpointId"), out var checkpointId) ? checkpointId : null,
            Text("direction") ?? "outbound",
            Text("occurredAt") ?? "",
            cells,
            Text("vehicles"),
            Text("medicalEvacuations"),
            Text("weaponsHandedIn"),
            Text("outOfWindowReason"));

        // Parse what the form can parse (whole numbers, local time) with errors on the field; the command
        // checks the rest exactly as it does for the API.
        var errors = new List<Rejection>();
        var counts = new List<PassageCountInput>();
        var fieldOfCount = new List<string>();
        foreach (var (category, sex, band, name) in Matrix())
        {
            if (cells.TryGetValue(name, out var text))
            {
                if (WholeNumber(text) is { } count)
                {
                    counts.Add(new PassageCountInput(category.Name(), sex.Name(), band.Name(), count));
                    fieldOfCount.Add(name);
                }
                else
                {
                    errors.Add(ServerReasons.Forms.WholeNumberOfPeople.Invalid(name));
                }
            }
        }

        int? Optional(string field, string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            if (WholeNumber(text) is { } number)
            {
                return number;
            }

            errors.Add(ServerReasons.Forms.WholeNumber.Invalid(field));
            return null;
        }

        var vehicles = Optional("vehicles", input.Vehicles);
        var evacuations = Optional("medicalEvacuations", input.MedicalEvacuations);
        var weapons = Optional("weaponsHandedIn", input.WeaponsHandedIn);
        var occurredAt = web.ParseInput(input.OccurredAt);
        if (occurredAt is null)
        {
            errors.Add(FormValues.OutOfBounds(input.OccurredAt, "occurredAt") ?? ServerReasons.Forms.PassageTimeRequired.Invalid("occurredAt"));
        }

        string Field(string field)
        {
            // counts[3].count → the matrix cell it came from; the whole tally → the matrix.
            var match = System.Text.RegularExpressions.Regex.Match(field, @"^counts\[(\d+)\]");
            return match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) is var i && i < fieldOfCount.Count ? fieldOfCount[i] : field == "counts" ? "matrix" : field;
        }

        var operation = new OperationId(operationId);
        var validation = new Validation();
        var command = RecordPassage.From(operation, PassageId.New(clock), input.CorridorId, input.CheckpointId, input.Direction, occurredAt, counts, vehicles, evacuations, weapons, input.OutOfWindowReason, null, validation);
        if (errors.Count > 0 || command is null)
        {
            // A field the form could not parse is reported once, by the form; "no tally" is noise next to a wrong cell.
            var all = errors.Concat(validation.Rejections
                .Select(r => r with { Field = Field(r.Field) })
                .Where(r => errors.All(e => e.Field != r.Field) && !(errors.Count > 0 && r.Field == "matrix")));
            return Render(web, store, input, new FormOutcome(null, new FormErrors(all)), null, StatusCodes.Status422UnprocessableEntity);
        }

        if (SiteAccess.Refusal(context, Policies.RecordPassage, operation, command.CheckpointId.Value, "checkpointId") is not null)
        {
            return Render(web, store, input, new FormOutcome(null, new FormErrors([ServerReasons.Forms.NotAssignedToCheckpoint.Invalid("checkpointId")])), null, StatusCodes.Status403Forbidden);
        }

        var outcome = await FormWrites.Record(context, store, new { input.CorridorId, input.CheckpointId, input.Direction, occurredAt, counts, vehicles, evacuations, weapons, input.OutOfWindowReason }, command, Text("idempotencyKey"), Field, command.OccurredAt);
        if (outcome.Receipt is null)
        {
            return Render(web, store, input, outcome, null, outcome.Status);
        }

        var total = store.Read(session => new CorridorTotal(CorridorsProjection.Find(session, operation, command.CorridorId)!.Name, PassagesProjection.Totals(session, command.CorridorId).Sum(c => c.People)));

        // A blank form for the next group, on the same corridor, checkpoint and direction.
        return Render(web, store, Blank(web, input.CorridorId, input.CheckpointId, input.Direction), outcome, total, StatusCodes.Status200OK);
    }

    private static IResult Render(WebContext web, LogStore store, PassageInput input, FormOutcome? outcome, CorridorTotal? total, int status)
    {
        var choices = store.Read(session =>
        {
            var corridors = CorridorsProjection.List(session, web.Operation!.Id).Where(c => c.Status != CorridorStatus.Closed).ToList();
            var checkpoints = corridors.SelectMany(c => c.Checkpoints).Distinct()
                .Select(id => SitesProjection.Find(session, web.Operation.Id, id))
                .OfType<Site>()
                .Where(site => web.Caller.MayActAt(Policies.Holders[Policies.RecordPassage], web.Operation.Id.Value, site.Id.Value))
                .ToList();
            return new PassageChoices(corridors, checkpoints);
        });
        return Pages.Render<PassageFormPage>(new { Web = web, Choices = choices, Input = input, Outcome = outcome, Total = total }, status);
    }

    private static PassageInput Blank(WebContext web, Guid? corridor, Guid? checkpoint, string direction) => new(
        corridor,
        checkpoint,
        direction,
        web.InputValue(web.Now),
        new Dictionary<string, string>(StringComparer.Ordinal),
        null,
        null,
        null,
        null);

    /// <summary>Every cell of the matrix, in the order the form shows them (and the keyboard visits them).</summary>
    public static IEnumerable<(PersonCategory Category, Sex Sex, AgeBand Band, string Name)> Matrix() =>
        from category in Enum.GetValues<PersonCategory>()
        from sex in Enum.GetValues<Sex>()
        from band in Enum.GetValues<AgeBand>()
        select (category, sex, band, Cell(category, sex, band));

    /// <summary>A count typed in Western or Arabic-Indic digits; null when it is not a whole number of 0 or more.</summary>
    public static int? WholeNumber(string text)
    {
        var digits = new string(text.Select(c => c is >= '\u0660' and <= '\u0669' ? (char)('0' + (c - '\u0660')) : c is >= '\u06F0' and <= '\u06F9' ? (char)('0' + (c - '\u06F0')) : c).ToArray());
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
