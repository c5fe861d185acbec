using System.Globalization;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Stock;

namespace Lifeline.Domain.Movements;

/// <summary>
/// One line of a proof of delivery. Of what departed, <see cref="Received"/> enters the destination's stock,
/// <see cref="Damaged"/> is written off on arrival, <see cref="Short"/> never arrived and <see cref="Over"/>
/// arrived beyond what was sealed.
/// </summary>
public sealed record DeliveredLine(Guid ManifestId, int Line, Guid CommodityId, string Lot, DateOnly? Expiry, decimal Departed, decimal Received, decimal Damaged, decimal Short, decimal Over, string Reason)
{
    public bool HasDiscrepancy => Damaged != 0 || Short != 0 || Over != 0;
}

/// <summary>Proof of delivery: what the destination received of each line in transit; the movement is delivered.</summary>
public sealed record DeliveryRecorded(Guid OperationId, Guid MovementId, Guid DestinationSiteId, [PersonalData] string ReceivedBy, DeliveredLine[] Lines) : IDomainEvent;

/// <summary>One line of a proof of delivery as a request states it: every member may be missing or malformed.</summary>
public sealed record DeliveryLineInput(Guid? ManifestId, int? Line, decimal? Received, decimal? Damaged, string? Reason);

/// <summary>
/// One line of a proof of delivery as parsed: line <see cref="Line"/> of manifest <see cref="ManifestId"/>, of which
/// <see cref="Received"/> arrived whole and <see cref="Damaged"/> damaged; <see cref="Reason"/> is empty when none was given.
/// </summary>
public sealed record DeliveryLine(ManifestId ManifestId, int Line, Quantity Received, Quantity Damaged, string Reason)
{
    /// <summary>Parses one line of a request, or records why not under <c>lines[index]</c> and returns null.</summary>
    public static DeliveryLine? From(DeliveryLineInput? input, int index, Validation validation)
    {
        var field = string.Create(CultureInfo.InvariantCulture, $"lines[{index}]");
        if (input is null)
        {
            validation.Add(Reasons.Input.Required.Invalid(field, ("field", field)));
            return null;
        }

        var before = validation.Rejections.Count;
        var manifest = validation.Check(Check.Required(input.ManifestId, $"{field}.manifestId"));
        var line = validation.Check(Check.Required(input.Line, $"{field}.line"));
        var received = Amount(input.Received, field, "received", validation);
        var damaged = Amount(input.Damaged ?? 0, field, "damaged", validation);
        var reason = validation.Check(Check.OptionalText(input.Reason, $"{field}.reason", 500));
        return validation.Rejections.Count > before ? null : new DeliveryLine(new ManifestId(manifest), line, received, damaged, reason);
    }

    /// <summary>An amount counted on arrival: 0 or more, to a thousandth, within <see cref="Bounds.Quantity"/>.</summary>
    private static Quantity Amount(decimal? raw, string prefix, string name, Validation validation)
    {
        var field = $"{prefix}.{name}";
        if (raw is not { } amount || amount < 0 || Quantity.FromUnits(amount) is null)
        {
            validation.Add(Reasons.Deliveries.QuantityShape.Invalid(field, ("name", name)));
            return Quantity.Zero;
        }

        return validation.Check(Quantity.Entered(amount, field));
    }
}

public sealed record RecordDelivery(OperationId OperationId, MovementId MovementId, string ReceivedBy, IReadOnlyList<DeliveryLine> Lines, DateTimeOffset At) : IOperationCommand
{
    public static RecordDelivery? From(OperationId operation, MovementId movement, string? receivedBy, IReadOnlyList<DeliveryLineInput?>? lines, DateTimeOffset at, Validation validation)
    {
        var by = validation.Check(Check.RequiredText(receivedBy, "receivedBy", 200));
        var parsed = new List<DeliveryLine>();
        if (lines is not { Count: > 0 })
        {
            validation.Add(Reasons.Deliveries.LinesRequired.Invalid("lines"));
        }
        else
        {
            for (var i = 0; i < lines.Count; i++)
            {
                if (DeliveryLine.From(lines[i], i, validation) is { } line)
                {
                    parsed.Add(line);
                }
            }
        }

        return validation.Failed ? null : new RecordDelivery(operation, movement, by, parsed, at);
    }
}

public static class DeliveryDecider
{
    /// <param name="command">The proof of delivery.</param>
    /// <param name="movement">The movement delivering.</param>
    /// <param name="inTransit">The movement's cargo still in transit.</param>
    public static Decision Decide(RecordDelivery command, Movement? movement, IReadOnlyList<CargoLine> inTransit)
    {
        if (movement is null)
        {
            return Decision.Reject(Reasons.Movements.NotFound.NotFound("movementId", ("movement", command.MovementId)));
        }

        if (movement.Status != MovementStatus.Arrived)
        {
            return Decision.Reject(MovementDecider.Transition(movement, MovementStatus.Delivered) ?? Reasons.Deliveries.NotArrived.Invalid("status", ("movement", movement.Id), ("status", Reasons.Term("movement-status", movement.Status.Name()))));
        }

        var rejections = new List<Rejection>();
        var cargo = inTransit.ToDictionary(c => (new ManifestId(c.ManifestId), c.Line));
        var seen = new HashSet<(ManifestId, int)>();
        var lines = new List<DeliveredLine>();
        for (var i = 0; i < command.Lines.Count; i++)
        {
            var stated = command.Lines[i];
            var field = string.Create(CultureInfo.InvariantCulture, $"lines[{i}]");
            var key = (stated.ManifestId, stated.Line);
            if (!cargo.TryGetValue(key, out var departed))
            {
                rejections.Add(Reasons.Deliveries.LineNotInTransit.Invalid($"{field}.line", ("line", stated.Line), ("manifest", stated.ManifestId.Value), ("movement", movement.Id)));
                continue;
            }

            if (!seen.Add(key))
            {
                rejections.Add(Reasons.Deliveries.LineTwice.Invalid($"{field}.line", ("line", stated.Line), ("manifest", stated.ManifestId.Value)));
                continue;
            }

            var received = stated.Received.Units;
            var damaged = stated.Damaged.Units;
            var accounted = received + damaged;
            var shortBy = Math.Max(0, departed.Quantity - accounted);
            var over = Math.Max(0, accounted - departed.Quantity);
            var line = new DeliveredLine(departed.ManifestId, departed.Line, departed.CommodityId, departed.Lot, departed.Expiry, departed.Quantity, received, damaged, shortBy, over, stated.Reason);
            if (line.HasDiscrepancy && stated.Reason.Length == 0)
            {
                rejections.Add(Reasons.Deliveries.DiscrepancyNeedsReason.Invalid($"{field}.reason", ("discrepancy", Discrepancy(line))));
            }

            lines.Add(line);
        }

        foreach (var missing in inTransit.Where(c => !seen.Contains((new ManifestId(c.ManifestId), c.Line))))
        {
            rejections.Add(Reasons.Deliveries.LineNotStated.Invalid("lines", ("line", missing.Line), ("manifest", missing.ManifestId), ("departed", missing.Quantity)));
        }

        return rejections.Count > 0
            ? Decision.Reject(rejections)
            : Decision.Accept(new PendingEvent(MovementDecider.Stream(movement.Id), new DeliveryRecorded(command.OperationId.Value, movement.Id.Value, movement.Destination.Value, command.ReceivedBy, [.. lines])));
    }

    /// <summary>The discrepancy of a line in words: "short 3, damaged 2 of 40 departed".</summary>
    public static string Describe(DeliveredLine line) => Discrepancy(line).English;

    /// <summary>The discrepancy of a line as a phrase that reasons put in any language.</summary>
    public static Message Discrepancy(DeliveredLine line)
    {
        var parts = new List<object>();
        if (line.Short != 0)
        {
            parts.Add(Reasons.Deliveries.Short.With(("quantity", line.Short)));
        }

        if (line.Damaged != 0)
        {
            parts.Add(Reasons.Deliveries.Damaged.With(("quantity", line.Damaged)));
        }

        if (line.Over != 0)
        {
            parts.Add(Reasons.Deliveries.Over.With(("quantity", line.Over)));
        }

        return Reasons.Deliveries.Discrepancy.With(("parts", new Listed(parts, Reasons.Lists.Comma)), ("departed", line.Departed));
    }
}
