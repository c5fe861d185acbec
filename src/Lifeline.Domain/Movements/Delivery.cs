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
public sealed record DeliveryRecorded(Guid OperationId, Guid MovementId, Guid DestinationSiteId, string ReceivedBy, DeliveredLine[] Lines) : IDomainEvent;

public sealed record DeliveryLineInput(Guid? ManifestId, int? Line, decimal? Received, decimal? Damaged, string? Reason);

public sealed record RecordDelivery(OperationId OperationId, MovementId MovementId, string ReceivedBy, IReadOnlyList<DeliveryLineInput> Lines, DateTimeOffset At)
{
    public static RecordDelivery? From(OperationId operation, MovementId movement, string? receivedBy, IReadOnlyList<DeliveryLineInput>? lines, DateTimeOffset at, Validation validation)
    {
        var by = validation.Check(Check.RequiredText(receivedBy, "receivedBy", 200));
        if (lines is not { Count: > 0 })
        {
            validation.Add(Rejection.Invalid("lines", "a proof of delivery states what was received of every line in transit"));
        }

        for (var i = 0; i < (lines?.Count ?? 0); i++)
        {
            var line = lines![i];
            var field = string.Create(CultureInfo.InvariantCulture, $"lines[{i}]");
            validation.Check(Check.Required(line.ManifestId, $"{field}.manifestId"));
            validation.Check(Check.Required(line.Line, $"{field}.line"));
            foreach (var (value, name) in new (decimal? Value, string Name)[] { (line.Received, "received"), (line.Damaged ?? 0, "damaged") })
            {
                if (value is not { } amount || amount < 0 || Quantity.FromUnits(amount) is null)
                {
                    validation.Add(Rejection.Invalid($"{field}.{name}", $"{name} is a quantity in the commodity's unit, 0 or more, to a thousandth at most"));
                }
            }

            validation.Check(Check.OptionalText(line.Reason, $"{field}.reason", 500));
        }

        return validation.Failed ? null : new RecordDelivery(operation, movement, by, lines!, at);
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
            return Decision.Reject(Rejection.NotFound("movementId", $"movement {command.MovementId} does not exist in this operation"));
        }

        if (movement.Status != MovementStatus.Arrived)
        {
            return Decision.Reject(MovementDecider.Transition(movement, MovementStatus.Delivered) ?? Rejection.Invalid("status", $"movement {movement.Id} is {movement.Status.Name()}: a proof of delivery is recorded once it has arrived"));
        }

        var rejections = new List<Rejection>();
        var cargo = inTransit.ToDictionary(c => (c.ManifestId, c.Line));
        var seen = new HashSet<(Guid, int)>();
        var lines = new List<DeliveredLine>();
        for (var i = 0; i < command.Lines.Count; i++)
        {
            var input = command.Lines[i];
            var field = string.Create(CultureInfo.InvariantCulture, $"lines[{i}]");
            var key = (input.ManifestId!.Value, input.Line!.Value);
            if (!cargo.TryGetValue(key, out var departed))
            {
                rejections.Add(Rejection.Invalid($"{field}.line", string.Create(CultureInfo.InvariantCulture, $"line {key.Item2} of manifest {key.Item1} is not in transit on movement {movement.Id}")));
                continue;
            }

            if (!seen.Add(key))
            {
                rejections.Add(Rejection.Invalid($"{field}.line", string.Create(CultureInfo.InvariantCulture, $"line {key.Item2} of manifest {key.Item1} is stated twice")));
                continue;
            }

            var received = input.Received!.Value;
            var damaged = input.Damaged ?? 0;
            var accounted = received + damaged;
            var shortBy = Math.Max(0, departed.Quantity - accounted);
            var over = Math.Max(0, accounted - departed.Quantity);
            var reason = input.Reason?.Trim() ?? string.Empty;
            var line = new DeliveredLine(departed.ManifestId, departed.Line, departed.CommodityId, departed.Lot, departed.Expiry, departed.Quantity, received, damaged, shortBy, over, reason);
            if (line.HasDiscrepancy && reason.Length == 0)
            {
                rejections.Add(Rejection.Invalid($"{field}.reason", Describe(line) + ": a discrepancy is stated with its reason"));
            }

            lines.Add(line);
        }

        foreach (var missing in inTransit.Where(c => !seen.Contains((c.ManifestId, c.Line))))
        {
            rejections.Add(Rejection.Invalid("lines", string.Create(CultureInfo.InvariantCulture, $"line {missing.Line} of manifest {missing.ManifestId} ({missing.Quantity} departed) is not stated: a proof of delivery accounts for every line")));
        }

        return rejections.Count > 0
            ? Decision.Reject(rejections)
            : Decision.Accept(new PendingEvent(MovementDecider.Stream(movement.Id), new DeliveryRecorded(command.OperationId.Value, movement.Id.Value, movement.Destination.Value, command.ReceivedBy, [.. lines])));
    }

    /// <summary>The discrepancy of a line in words: "short 3, damaged 2 of 40 departed".</summary>
    public static string Describe(DeliveredLine line)
    {
        var parts = new List<string>();
        if (line.Short != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"short {line.Short:0.###}"));
        }

        if (line.Damaged != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"damaged {line.Damaged:0.###}"));
        }

        if (line.Over != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"over {line.Over:0.###}"));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", parts)} of {line.Departed:0.###} departed");
    }
}
