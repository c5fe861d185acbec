using System.Globalization;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using NodaTime;

namespace Lifeline.Domain.Corridors;

public enum Sex
{
    Female,
    Male,
    Unknown,
}

/// <summary>The age bands of humanitarian disaggregation.</summary>
public enum AgeBand
{
    Age0To4,
    Age5To11,
    Age12To17,
    Age18To59,
    Age60Plus,
    Unknown,
}

/// <summary>Which way a passage went: out of the besieged area or into it.</summary>
public enum PassageDirection
{
    Outbound,
    Inbound,
}

public static class PassageNames
{
    public static readonly IReadOnlyDictionary<string, Sex> Sexes = new Dictionary<string, Sex>(StringComparer.OrdinalIgnoreCase)
    {
        ["female"] = Sex.Female,
        ["male"] = Sex.Male,
        ["unknown"] = Sex.Unknown,
    };

    public static readonly IReadOnlyDictionary<string, AgeBand> AgeBands = new Dictionary<string, AgeBand>(StringComparer.OrdinalIgnoreCase)
    {
        ["0-4"] = AgeBand.Age0To4,
        ["5-11"] = AgeBand.Age5To11,
        ["12-17"] = AgeBand.Age12To17,
        ["18-59"] = AgeBand.Age18To59,
        ["60+"] = AgeBand.Age60Plus,
        ["unknown"] = AgeBand.Unknown,
    };

    public static readonly IReadOnlyDictionary<string, PassageDirection> Directions = new Dictionary<string, PassageDirection>(StringComparer.OrdinalIgnoreCase)
    {
        ["outbound"] = PassageDirection.Outbound,
        ["inbound"] = PassageDirection.Inbound,
    };

    public static string Name(this Sex sex) => Sexes.First(pair => pair.Value == sex).Key;

    public static string Name(this AgeBand band) => AgeBands.First(pair => pair.Value == band).Key;

    public static string Name(this PassageDirection direction) => Directions.First(pair => pair.Value == direction).Key;

    public static bool IsChild(this AgeBand band) => band is AgeBand.Age0To4 or AgeBand.Age5To11 or AgeBand.Age12To17;
}

/// <summary>One cell of a passage's tally: how many people of a category, sex and age band.</summary>
public sealed record PassageCount(PersonCategory Category, Sex Sex, AgeBand AgeBand, int Count);

/// <summary>
/// People passed a checkpoint. The total is never stored: it is the sum of the counts. A correction is a new
/// passage that names the one it replaces.
/// </summary>
public sealed record PassageRecorded(
    Guid OperationId,
    Guid PassageId,
    Guid CorridorId,
    Guid CheckpointId,
    PassageDirection Direction,
    DateTimeOffset OccurredAt,
    PassageCount[] Counts,
    int? Vehicles,
    int? MedicalEvacuations,
    int? WeaponsHandedIn,
    bool OutOfWindow,
    string? OutOfWindowReason,
    Guid? Corrects) : IDomainEvent
{
    public int TotalPeople() => Counts.Sum(c => c.Count);
}

/// <summary>A passage as recorded (for corrections and reports).</summary>
public sealed record Passage(PassageId Id, CorridorId CorridorId, SiteId CheckpointId, Guid? SupersededBy);

/// <summary>A raw tally cell as a form or an import gives it.</summary>
public sealed record PassageCountInput(string? Category, string? Sex, string? AgeBand, int? Count);

public sealed record RecordPassage(
    OperationId OperationId,
    PassageId PassageId,
    CorridorId CorridorId,
    SiteId CheckpointId,
    PassageDirection Direction,
    DateTimeOffset OccurredAt,
    IReadOnlyList<PassageCount> Counts,
    int? Vehicles,
    int? MedicalEvacuations,
    int? WeaponsHandedIn,
    [OperationalNote] string? OutOfWindowReason,
    PassageId? Corrects) : IOperationCommand
{
    public int TotalPeople => Counts.Sum(c => c.Count);

    public static RecordPassage? From(
        OperationId operationId,
        PassageId passageId,
        Guid? corridorId,
        Guid? checkpointId,
        string? direction,
        DateTimeOffset? occurredAt,
        IReadOnlyList<PassageCountInput?>? counts,
        int? vehicles,
        int? medicalEvacuations,
        int? weaponsHandedIn,
        string? outOfWindowReason,
        Guid? corrects,
        Validation validation)
    {
        var corridor = validation.Check(Check.Required(corridorId, "corridorId"));
        var checkpoint = validation.Check(Check.Required(checkpointId, "checkpointId"));
        var validDirection = validation.Check(Check.OneOf(direction ?? "outbound", "direction", PassageNames.Directions));
        var occurred = validation.Check(Check.Required(occurredAt, "occurredAt"));
        var cells = new List<PassageCount>();
        if (counts is null || counts.Count == 0)
        {
            validation.Add(Reasons.Passages.TallyRequired.Invalid("counts"));
        }
        else
        {
            for (var i = 0; i < counts.Count; i++)
            {
                var field = string.Create(CultureInfo.InvariantCulture, $"counts[{i}]");
                if (counts[i] is not { } cell)
                {
                    validation.Add(Reasons.Input.Required.Invalid(field, ("field", field)));
                    continue;
                }

                var category = validation.Check(Check.OneOf(cell.Category, $"{field}.category", CorridorNames.Categories));
                var sex = validation.Check(Check.OneOf(cell.Sex, $"{field}.sex", PassageNames.Sexes));
                var band = validation.Check(Check.OneOf(cell.AgeBand, $"{field}.ageBand", PassageNames.AgeBands));
                if (cell.Count is not { } count)
                {
                    validation.Add(Reasons.Input.Required.Invalid($"{field}.count", ("field", $"{field}.count")));
                }
                else if (count < 0)
                {
                    validation.Add(Reasons.Passages.CountNegative.Invalid($"{field}.count", ("value", count)));
                }
                else if (Bounds.Count.Refusal(count, $"{field}.count") is { } tooMany)
                {
                    // Bounded so that a tally's total, summed over its cells, never overflows.
                    validation.Add(tooMany);
                }
                else if (!validation.Failed)
                {
                    if (cells.Any(c => c.Category == category && c.Sex == sex && c.AgeBand == band))
                    {
                        validation.Add(Reasons.Passages.CellTwice.Invalid(field, ("category", Reasons.Term("person-category", category.Name())), ("sex", Reasons.Term("sex", sex.Name())), ("band", Reasons.Term("age-band", band.Name()))));
                    }

                    cells.Add(new PassageCount(category, sex, band, count));
                }
            }
        }

        foreach (var (value, field) in new[] { (vehicles, "vehicles"), (medicalEvacuations, "medicalEvacuations"), (weaponsHandedIn, "weaponsHandedIn") })
        {
            if (value is < 0)
            {
                validation.Add(Reasons.Passages.NeverNegative.Invalid(field, ("field", field), ("value", value)));
            }
            else if (value is { } counted && Bounds.Count.Refusal(counted, field) is { } tooMany)
            {
                validation.Add(tooMany);
            }
        }

        var reason = validation.Check(Check.OptionalText(outOfWindowReason, "outOfWindowReason", 500));
        if (!validation.Failed && corrects is null && cells.Sum(c => c.Count) == 0)
        {
            validation.Add(Reasons.Passages.Nobody.Invalid("counts"));
        }

        if (!validation.Failed && medicalEvacuations > cells.Sum(c => c.Count))
        {
            validation.Add(Reasons.Passages.EvacuationsExceedPassed.Invalid("medicalEvacuations"));
        }

        return validation.Failed
            ? null
            : new RecordPassage(
                operationId,
                passageId,
                new CorridorId(corridor),
                new SiteId(checkpoint),
                validDirection,
                occurred.ToUniversalTime(),
                cells,
                vehicles,
                medicalEvacuations,
                weaponsHandedIn,
                reason.Length == 0 ? null : reason,
                corrects is { } c ? new PassageId(c) : null);
    }
}

public static class PassageDecider
{
    public static string Stream(PassageId id) => $"passage/{id}";

    /// <param name="command">The passage to record.</param>
    /// <param name="corridor">The corridor, if it exists in the operation.</param>
    /// <param name="zone">The operation's time zone.</param>
    /// <param name="history">The corridor's status changes.</param>
    /// <param name="windows">The corridor's windows.</param>
    /// <param name="corrected">The passage this one corrects, when it corrects one and it exists.</param>
    public static Decision Decide(
        RecordPassage command,
        Corridor? corridor,
        DateTimeZone zone,
        IReadOnlyList<StatusChange> history,
        IReadOnlyList<OpeningWindow> windows,
        Passage? corrected)
    {
        if (corridor is null || corridor.OperationId != command.OperationId)
        {
            return Decision.Reject(Reasons.Corridors.NotFound.NotFound("corridorId", ("corridor", command.CorridorId), ("operation", command.OperationId)));
        }

        var rejections = new List<Rejection>();
        if (!corridor.Checkpoints.Contains(command.CheckpointId))
        {
            rejections.Add(Reasons.Passages.CheckpointNotOnCorridor.Invalid("checkpointId", ("checkpoint", command.CheckpointId), ("corridor", corridor.Name)));
        }

        var directionAllowed = corridor.Directions == CorridorDirections.Both
            || (corridor.Directions == CorridorDirections.Outbound) == (command.Direction == PassageDirection.Outbound);
        if (!directionAllowed)
        {
            rejections.Add(Reasons.Passages.DirectionNotAllowed.Invalid("direction", ("corridor", corridor.Name), ("directions", Reasons.Term("corridor-directions", corridor.Directions.Name()))));
        }

        for (var i = 0; i < command.Counts.Count; i++)
        {
            var cell = command.Counts[i];
            if (cell.Count > 0 && !corridor.Categories.Contains(cell.Category))
            {
                rejections.Add(Reasons.Passages.CategoryNotAllowed.Invalid(
                    string.Create(CultureInfo.InvariantCulture, $"counts[{i}].category"),
                    ("category", Reasons.Term("person-category", cell.Category.Name())),
                    ("corridor", corridor.Name),
                    ("allowed", Reasons.Terms("person-category", corridor.Categories.Select(c => c.Name()), Reasons.Lists.Comma))));
            }
        }

        if (command.WeaponsHandedIn > 0 && !corridor.Categories.Contains(PersonCategory.FightersUnderAmnesty))
        {
            rejections.Add(Reasons.Passages.WeaponsNotAmnesty.Invalid("weaponsHandedIn", ("corridor", corridor.Name)));
        }

        var open = CorridorSchedule.IsOpenAt(history, windows, zone, Instant.FromDateTimeOffset(command.OccurredAt));
        if (!open.Open && command.OutOfWindowReason is null)
        {
            var why = open.Status != CorridorStatus.Open
                ? Reasons.Passages.CorridorWasStatus.With(("status", Reasons.Term("corridor-status", open.Status.Name())))
                : Reasons.Passages.OutsideEveryWindow.With();
            rejections.Add(Reasons.Passages.OutsideWindow.Invalid("outOfWindowReason", ("corridor", corridor.Name), ("at", command.OccurredAt), ("why", why)));
        }

        if (command.Corrects is { } correcting)
        {
            if (corrected is null || corrected.CorridorId != command.CorridorId)
            {
                rejections.Add(Reasons.Passages.CorrectionNotFound.NotFound("corrects", ("passage", correcting), ("corridor", corridor.Name)));
            }
            else if (corrected.CheckpointId != command.CheckpointId)
            {
                // Only the checkpoint's own tally is corrected there: an officer assigned to one gate must not
                // erase another gate's count by "correcting" it to zero from their own.
                rejections.Add(Reasons.Passages.CorrectionAtOtherCheckpoint.Invalid("corrects", ("passage", correcting)));
            }
            else if (corrected.SupersededBy is { } later)
            {
                rejections.Add(Reasons.Passages.AlreadyCorrected.Conflict("corrects", ("passage", correcting), ("later", later)));
            }
        }

        if (rejections.Count > 0)
        {
            return Decision.Reject(rejections);
        }

        return Decision.Accept(PendingEvent.Start(
            Stream(command.PassageId),
            new PassageRecorded(
                command.OperationId.Value,
                command.PassageId.Value,
                command.CorridorId.Value,
                command.CheckpointId.Value,
                command.Direction,
                command.OccurredAt,
                [.. command.Counts],
                command.Vehicles,
                command.MedicalEvacuations,
                command.WeaponsHandedIn,
                !open.Open,
                command.OutOfWindowReason,
                command.Corrects?.Value)));
    }
}
