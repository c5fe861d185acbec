namespace Lifeline.Domain.Stock;

/// <summary>One lot to pick from and how much.</summary>
public sealed record Pick(string Lot, DateOnly? Expiry, Quantity Quantity);

/// <summary>What to pick for a wanted quantity, and what the dispatchable stock could not cover.</summary>
public sealed record PickingSuggestion(IReadOnlyList<Pick> Picks, Quantity Shortfall);

/// <summary>First-expiry-first-out picking: what expires soonest leaves first, so that less stock expires on the shelf.</summary>
public static class Picking
{
    /// <summary>
    /// Suggests lots of one commodity at one site for <paramref name="wanted"/>, soonest expiry first; lots
    /// without an expiry date come last, quarantined and expired lots never.
    /// </summary>
    public static PickingSuggestion Suggest(IEnumerable<LotBalance> lots, Quantity wanted, DateOnly day)
    {
        var picks = new List<Pick>();
        var remaining = wanted;
        var candidates = lots
            .Where(l => !l.Quarantined && !l.ExpiredOn(day) && l.OnHand > Quantity.Zero)
            .OrderBy(l => l.Expiry is null)
            .ThenBy(l => l.Expiry)
            .ThenBy(l => l.Lot, StringComparer.Ordinal);
        foreach (var lot in candidates)
        {
            if (remaining <= Quantity.Zero)
            {
                break;
            }

            var take = lot.OnHand < remaining ? lot.OnHand : remaining;
            picks.Add(new Pick(lot.Lot, lot.Expiry, take));
            remaining -= take;
        }

        return new PickingSuggestion(picks, remaining > Quantity.Zero ? remaining : Quantity.Zero);
    }
}
