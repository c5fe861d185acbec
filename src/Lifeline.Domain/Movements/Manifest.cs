using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lifeline.Domain.Commodities;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Stock;

namespace Lifeline.Domain.Movements;

public enum InspectionFinding
{
    Matches,
    Differs,
}

/// <summary>One line of a manifest: a quantity of one lot of one commodity, in the commodity's unit.</summary>
public sealed record ManifestLine(Guid CommodityId, string Lot, decimal Quantity);

/// <summary>What one vehicle of a movement carries; sealed (with its hash) when the movement departs.</summary>
public sealed record Manifest(ManifestId Id, MovementId MovementId, string VehicleId, IReadOnlyList<ManifestLine> Lines, string? SealedHash, Guid? Corrects);

/// <summary>A line an inspector found different from the sealed manifest; <see cref="Line"/> is null for cargo not on it.</summary>
public sealed record InspectedLine(int? Line, Guid CommodityId, string Lot, decimal Manifested, decimal Found, string Note);

public sealed record ManifestRecorded(Guid OperationId, Guid ManifestId, Guid MovementId, string VehicleId, ManifestLine[] Lines, decimal TotalMassKg, decimal TotalVolumeM3, Guid? Replaces) : IDomainEvent;

/// <summary>A sealed manifest is never changed: a correction is a new manifest that names the sealed one and its hash.</summary>
public sealed record ManifestCorrected(Guid OperationId, Guid ManifestId, Guid MovementId, Guid Corrects, string CorrectsHash, string VehicleId, ManifestLine[] Lines, decimal TotalMassKg, decimal TotalVolumeM3, string Reason) : IDomainEvent;

public sealed record InspectionRecorded(Guid OperationId, Guid InspectionId, Guid ManifestId, Guid MovementId, string ManifestHash, string Organisation, InspectionFinding Finding, InspectedLine[] Differences, string Note) : IDomainEvent;

public sealed record ManifestLineInput(Guid? CommodityId, string? Lot, decimal? Quantity);

/// <summary>A difference an inspection states, as a request gives it: every member may be missing or malformed.</summary>
public sealed record InspectedLineInput(int? Line, Guid? CommodityId, string? Lot, decimal? Found, string? Note);

/// <summary>
/// A difference an inspector found, as parsed: a line of the sealed manifest counted as another quantity, or
/// cargo that the manifest does not list.
/// </summary>
public abstract record InspectionDifference
{
    private InspectionDifference()
    {
    }

    /// <summary>Line <see cref="Line"/> of the sealed manifest (from 1) was found to hold <see cref="Found"/>.</summary>
    public sealed record OnManifest(int Line, Quantity Found, string Note) : InspectionDifference;

    /// <summary>Cargo of a commodity and lot the sealed manifest does not list.</summary>
    public sealed record NotOnManifest(CommodityId CommodityId, string Lot, Quantity Found, string Note) : InspectionDifference;

    /// <summary>Parses one difference of a request, or records why not under <c>differences[index]</c> and returns null.</summary>
    public static InspectionDifference? From(InspectedLineInput? input, int index, Validation validation)
    {
        var field = string.Create(CultureInfo.InvariantCulture, $"differences[{index}]");
        if (input is null)
        {
            validation.Add(Reasons.Input.Required.Invalid(field, ("field", field)));
            return null;
        }

        var before = validation.Rejections.Count;
        if (input.Line is null && input.CommodityId is null)
        {
            validation.Add(Reasons.Manifests.InspectionLineOrCommodity.Invalid($"{field}.line"));
        }

        var found = Quantity.Zero;
        if (input.Found is not { } counted || counted < 0)
        {
            validation.Add(Reasons.Manifests.InspectionFoundNegative.Invalid($"{field}.found"));
        }
        else
        {
            found = validation.Check(Quantity.Entered(counted, $"{field}.found"));
        }

        // A manifest line brings its own commodity and lot, so a lot given with it goes unused; it is checked all
        // the same, so that a malformed lot is refused whichever way the line is named.
        var lot = validation.Check(StockNames.Lot(input.Lot, $"{field}.lot"));
        var note = validation.Check(Check.OptionalText(input.Note, $"{field}.note", 500));
        if (validation.Rejections.Count > before)
        {
            return null;
        }

        return input switch
        {
            { Line: { } line } => new OnManifest(line, found, note),
            { CommodityId: { } commodity } => new NotOnManifest(new CommodityId(commodity), lot, found, note),
            _ => throw new UnreachableException("a difference without a line or a commodity was refused above"),
        };
    }
}

public sealed record RecordManifest(OperationId OperationId, ManifestId ManifestId, MovementId MovementId, string VehicleId, IReadOnlyList<ManifestLine> Lines) : IOperationCommand
{
    public const int MaxLines = 500;

    public static RecordManifest? From(OperationId operation, ManifestId id, MovementId movement, string? vehicleId, IReadOnlyList<ManifestLineInput?>? lines, Validation validation)
    {
        var vehicle = validation.Check(Check.RequiredText(vehicleId, "vehicleId", 40));
        var valid = CheckLines(lines, validation);
        return validation.Failed ? null : new RecordManifest(operation, id, movement, vehicle, valid);
    }

    /// <summary>Checks each line on its own: commodity given, lot well formed, quantity positive.</summary>
    public static List<ManifestLine> CheckLines(IReadOnlyList<ManifestLineInput?>? lines, Validation validation)
    {
        var valid = new List<ManifestLine>();
        if (lines is not { Count: > 0 })
        {
            validation.Add(Reasons.Manifests.NoLines.Invalid("lines"));
            return valid;
        }

        if (lines.Count > MaxLines)
        {
            validation.Add(Reasons.Manifests.TooManyLines.Invalid("lines", ("max", MaxLines), ("count", lines.Count)));
            return valid;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"lines[{i}]");
            if (lines[i] is not { } line)
            {
                validation.Add(Reasons.Input.Required.Invalid(field, ("field", field)));
                continue;
            }

            var commodity = validation.Check(Check.Required(line.CommodityId, $"{field}.commodityId"));
            var lot = validation.Check(StockNames.Lot(line.Lot, $"{field}.lot"));
            var quantity = validation.Check(Quantity.Positive(line.Quantity, $"{field}.quantity"));
            valid.Add(new ManifestLine(commodity, lot, quantity.Units));
        }

        return valid;
    }
}

public sealed record CorrectManifest(OperationId OperationId, ManifestId CorrectionId, ManifestId Corrects, IReadOnlyList<ManifestLine> Lines, [OperationalNote] string Reason) : IOperationCommand
{
    public static CorrectManifest? From(OperationId operation, ManifestId id, Guid? corrects, IReadOnlyList<ManifestLineInput?>? lines, string? reason, Validation validation)
    {
        var sealedId = validation.Check(Check.Required(corrects, "corrects"));
        var valid = RecordManifest.CheckLines(lines, validation);
        var validReason = validation.Check(Check.RequiredText(reason, "reason", 1000));
        return validation.Failed ? null : new CorrectManifest(operation, id, new ManifestId(sealedId), valid, validReason);
    }
}

public sealed record RecordInspection(OperationId OperationId, InspectionId InspectionId, ManifestId ManifestId, string Organisation, InspectionFinding Finding, IReadOnlyList<InspectionDifference> Differences, [OperationalNote] string Note) : IOperationCommand
{
    public static readonly IReadOnlyDictionary<string, InspectionFinding> Findings = new Dictionary<string, InspectionFinding>(StringComparer.OrdinalIgnoreCase)
    {
        ["matches"] = InspectionFinding.Matches,
        ["differs"] = InspectionFinding.Differs,
    };

    public static RecordInspection? From(OperationId operation, InspectionId id, Guid? manifestId, string? organisation, string? finding, IReadOnlyList<InspectedLineInput?>? differences, string? note, Validation validation)
    {
        var manifest = validation.Check(Check.Required(manifestId, "manifestId"));
        var validOrganisation = validation.Check(Check.RequiredText(organisation, "organisation", 200));
        var validFinding = validation.Check(Check.OneOf(finding, "finding", Findings));
        var validNote = validation.Check(Check.OptionalText(note, "note", 2000));
        var lines = differences ?? [];
        if (!validation.Failed && validFinding == InspectionFinding.Matches && lines.Count > 0)
        {
            validation.Add(Reasons.Manifests.InspectionMatchingListsDifferences.Invalid("differences"));
        }

        if (!validation.Failed && validFinding == InspectionFinding.Differs && lines.Count == 0)
        {
            validation.Add(Reasons.Manifests.InspectionDiffersNeedsLines.Invalid("differences"));
        }

        var parsed = new List<InspectionDifference>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (InspectionDifference.From(lines[i], i, validation) is { } difference)
            {
                parsed.Add(difference);
            }
        }

        return validation.Failed ? null : new RecordInspection(operation, id, new ManifestId(manifest), validOrganisation, validFinding, parsed, validNote);
    }
}

/// <summary>
/// The hash that seals a manifest: SHA-256 of a plain text form anyone can rebuild from the log's
/// <c>manifest.recorded</c> body (see docs/logistics.md), so a partner can check a sealed manifest without Lifeline.
/// </summary>
public static class ManifestHash
{
    public static string Compute(ManifestId manifest, MovementId movement, string vehicleId, IReadOnlyList<ManifestLine> lines)
    {
        var text = new StringBuilder()
            .Append("lifeline-manifest-v1\n")
            .Append(CultureInfo.InvariantCulture, $"manifest {manifest.Value:D}\nmovement {movement.Value:D}\nvehicle {vehicleId}\n");
        for (var i = 0; i < lines.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i + 1}\t{lines[i].CommodityId:D}\t{lines[i].Lot}\t{lines[i].Quantity.ToString("0.###", CultureInfo.InvariantCulture)}\n");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

/// <summary>Manifests: what each vehicle carries, checked against its (derated) payload and volume; sealed, corrected and inspected.</summary>
public static class ManifestDecider
{
    public static string Stream(ManifestId id) => $"manifest/{id}";

    /// <param name="command">The manifest.</param>
    /// <param name="movement">Its movement.</param>
    /// <param name="origin">Where the cargo is loaded.</param>
    /// <param name="current">The vehicle's manifest so far, which this one replaces.</param>
    /// <param name="commodities">The commodities the lines name that exist.</param>
    /// <param name="lots">The origin's balance of each lot the lines name.</param>
    /// <param name="day">The operation's local date of the planned departure, for expiry.</param>
    public static Decision Decide(RecordManifest command, Movement? movement, Sites.Site? origin, Manifest? current, IReadOnlyDictionary<CommodityId, Commodity> commodities, IReadOnlyDictionary<(CommodityId, string), LotBalance> lots, DateOnly day)
    {
        if (movement is null || origin is null)
        {
            return Decision.Reject(Reasons.Movements.NotFound.NotFound("movementId", ("movement", command.MovementId)));
        }

        if (movement.Sealed || movement.Status == MovementStatus.Aborted)
        {
            return Decision.Reject(movement.Status == MovementStatus.Aborted
                ? Reasons.Manifests.MovementAborted.Invalid("movementId", ("movement", movement.Id))
                : Reasons.Manifests.Sealed.Invalid("movementId", ("movement", movement.Id), ("status", Reasons.Term("movement-status", movement.Status.Name()))));
        }

        var vehicle = movement.Vehicle(command.VehicleId);
        if (vehicle is null)
        {
            return Decision.Reject(Reasons.Manifests.VehicleNotOnMovement.Invalid("vehicleId", ("vehicle", command.VehicleId), ("movement", movement.Id), ("vehicles", Reasons.Names(movement.Vehicles.Select(v => v.VehicleId)))));
        }

        var rejections = CheckLines(command.Lines, commodities);
        if (rejections.Count > 0)
        {
            return Decision.Reject(rejections);
        }

        foreach (var group in command.Lines.Select((line, i) => (line, i)).GroupBy(x => (new CommodityId(x.line.CommodityId), x.line.Lot)))
        {
            var wanted = group.Aggregate(Quantity.Zero, (sum, x) => sum + Quantity.FromUnits(x.line.Quantity)!.Value);
            var field = string.Create(CultureInfo.InvariantCulture, $"lines[{group.First().i}]");
            if (StockDecider.Dispatchable(lots.GetValueOrDefault(group.Key), origin, commodities[group.Key.Item1], group.Key.Lot, wanted, day, $"{field}.quantity", $"{field}.lot") is { } refused)
            {
                rejections.Add(refused);
            }
        }

        var (mass, volume) = Totals(command.Lines, commodities);
        var payload = movement.PayloadOf(vehicle);
        if (mass > payload)
        {
            var limit = movement.Derating is null ? Reasons.Manifests.Payload : Reasons.Manifests.DeratedPayload;
            rejections.Add(Reasons.Manifests.Overweight.Invalid(
                "lines",
                ("mass", Reasons.Phrases.MassOf(mass.Kilograms)),
                ("over", Reasons.Phrases.MassOf(mass.Kilograms - payload.Kilograms)),
                ("limit", limit.With()),
                ("payload", Reasons.Phrases.MassOf(payload.Kilograms)),
                ("vehicle", vehicle.VehicleId)));
        }

        if (vehicle.VolumeM3 is { } capacity && volume > capacity)
        {
            rejections.Add(Reasons.Manifests.OverVolume.Invalid("lines", ("volume", volume), ("over", volume - capacity), ("capacity", capacity), ("vehicle", vehicle.VehicleId)));
        }

        if (rejections.Count == 0)
        {
            rejections.AddRange(Beyond(mass, volume));
        }

        return rejections.Count > 0
            ? Decision.Reject(rejections)
            : Decision.Accept(PendingEvent.Start(Stream(command.ManifestId), new ManifestRecorded(command.OperationId.Value, command.ManifestId.Value, movement.Id.Value, vehicle.VehicleId, [.. command.Lines], mass.Kilograms, volume, current?.Id.Value)));
    }

    public static Decision Decide(CorrectManifest command, Manifest? corrected, IReadOnlyDictionary<CommodityId, Commodity> commodities)
    {
        if (corrected is null)
        {
            return Decision.Reject(Reasons.Manifests.NotFound.NotFound("corrects", ("manifest", command.Corrects)));
        }

        if (corrected.SealedHash is null)
        {
            return Decision.Reject(Reasons.Manifests.CorrectedNotSealed.Invalid("corrects", ("manifest", corrected.Id)));
        }

        var rejections = CheckLines(command.Lines, commodities);
        if (rejections.Count > 0)
        {
            return Decision.Reject(rejections);
        }

        // A correction states what was really carried, so it is not held to the vehicle's payload: an
        // overloaded vehicle is exactly what it may have to admit.
        var (mass, volume) = Totals(command.Lines, commodities);
        rejections.AddRange(Beyond(mass, volume));
        if (rejections.Count > 0)
        {
            return Decision.Reject(rejections);
        }

        return Decision.Accept(PendingEvent.Start(Stream(command.CorrectionId), new ManifestCorrected(command.OperationId.Value, command.CorrectionId.Value, corrected.MovementId.Value, corrected.Id.Value, corrected.SealedHash, corrected.VehicleId, [.. command.Lines], mass.Kilograms, volume, command.Reason)));
    }

    public static Decision Decide(RecordInspection command, Manifest? manifest, IReadOnlyDictionary<CommodityId, Commodity> commodities)
    {
        if (manifest is null)
        {
            return Decision.Reject(Reasons.Manifests.NotFound.NotFound("manifestId", ("manifest", command.ManifestId)));
        }

        if (manifest.SealedHash is null)
        {
            return Decision.Reject(Reasons.Manifests.InspectionNotSealed.Invalid("manifestId", ("manifest", manifest.Id)));
        }

        var rejections = new List<Rejection>();
        var differences = new List<InspectedLine>();
        for (var i = 0; i < command.Differences.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"differences[{i}]");
            switch (command.Differences[i])
            {
                case InspectionDifference.OnManifest { Line: var line } when line < 1 || line > manifest.Lines.Count:
                    rejections.Add(Reasons.Manifests.InspectionNoSuchLine.Invalid($"{field}.line", ("manifest", manifest.Id), ("count", manifest.Lines.Count), ("line", line)));
                    break;
                case InspectionDifference.OnManifest onLine:
                    var onManifest = manifest.Lines[onLine.Line - 1];
                    differences.Add(new InspectedLine(onLine.Line, onManifest.CommodityId, onManifest.Lot, onManifest.Quantity, onLine.Found.Units, onLine.Note));
                    break;
                case InspectionDifference.NotOnManifest extra when !commodities.ContainsKey(extra.CommodityId):
                    rejections.Add(Reasons.Manifests.CommodityNotFound.NotFound($"{field}.commodityId", ("commodity", extra.CommodityId.Value)));
                    break;
                case InspectionDifference.NotOnManifest extra:
                    differences.Add(new InspectedLine(null, extra.CommodityId.Value, extra.Lot, 0, extra.Found.Units, extra.Note));
                    break;
            }
        }

        return rejections.Count > 0
            ? Decision.Reject(rejections)
            : Decision.Accept(PendingEvent.Start($"inspection/{command.InspectionId}", new InspectionRecorded(command.OperationId.Value, command.InspectionId.Value, manifest.Id.Value, manifest.MovementId.Value, manifest.SealedHash, command.Organisation, command.Finding, [.. differences], command.Note)));
    }

    /// <summary>What the lines weigh and fill; commodities without a volume per unit add no volume.</summary>
    public static (Mass Mass, decimal VolumeM3) Totals(IEnumerable<ManifestLine> lines, IReadOnlyDictionary<CommodityId, Commodity> commodities)
    {
        var mass = Mass.Zero;
        var volume = 0m;
        foreach (var line in lines)
        {
            var commodity = commodities[new CommodityId(line.CommodityId)];
            mass += Quantity.FromUnits(line.Quantity)!.Value.MassOf(commodity);
            volume += line.Quantity * (commodity.VolumePerUnitCubicMetres ?? 0);
        }

        return (mass, volume);
    }

    /// <summary>
    /// Refusals for a manifest beyond what any vehicle carries or holds (an overload a correction admits, or a
    /// vehicle planned without a volume): past these bounds its totals could not be recorded exactly.
    /// </summary>
    private static IEnumerable<Rejection> Beyond(Mass mass, decimal volume)
    {
        if (mass.Kilograms > Bounds.ManifestMass.Max)
        {
            yield return Reasons.Manifests.TooHeavy.Invalid("lines", ("mass", Reasons.Phrases.MassOf(mass.Kilograms)), ("max", Reasons.Phrases.MassOf(Bounds.ManifestMass.Max)));
        }

        if (volume > Bounds.ManifestVolume.Max)
        {
            yield return Reasons.Manifests.TooBulky.Invalid("lines", ("volume", volume), ("max", Bounds.ManifestVolume.Max));
        }
        else if (Bounds.ManifestVolume.Refusal(volume, "lines") is { } finerThanRecorded)
        {
            // Only a commodity registered before volumes per unit were bounded can make a total this fine.
            yield return finerThanRecorded;
        }
    }

    private static List<Rejection> CheckLines(IReadOnlyList<ManifestLine> lines, IReadOnlyDictionary<CommodityId, Commodity> commodities)
    {
        var rejections = new List<Rejection>();
        for (var i = 0; i < lines.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"lines[{i}]");
            if (!commodities.TryGetValue(new CommodityId(lines[i].CommodityId), out var commodity))
            {
                rejections.Add(Reasons.Manifests.CommodityNotFound.NotFound($"{field}.commodityId", ("commodity", lines[i].CommodityId)));
            }
            else if (commodity.LotTracked && lines[i].Lot.Length == 0)
            {
                rejections.Add(Reasons.Manifests.LineLotRequired.Invalid($"{field}.lot", ("commodity", commodity.Code)));
            }
        }

        return rejections;
    }
}
