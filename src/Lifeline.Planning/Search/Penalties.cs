namespace Lifeline.Planning.Search;

/// <summary>
/// Prices of constraint violations while searching. Infeasible routes are allowed but pay for excess load, time
/// warp (late arrivals and over-long routes) and excess distance; the prices adapt to keep a share of the
/// offspring feasible.
/// </summary>
internal sealed class Penalties
{
    public double Load { get; set; } = 1;

    public double TimeWarp { get; set; } = 1;

    public double Range { get; set; } = 1;

    /// <summary>Penalised cost of a complete route (depot to depot) driven by <paramref name="type"/>.</summary>
    public double RouteCost(in Segment route, VehicleType type, bool empty)
    {
        if (empty)
        {
            return 0;
        }

        var cost = type.FixedCost + (type.CostPerDistance * route.Distance);
        if (route.Load > type.Capacity)
        {
            cost += Load * (route.Load - type.Capacity);
        }

        if (route.Volume > type.VolumeCapacity)
        {
            cost += Load * (route.Volume - type.VolumeCapacity);
        }

        var warp = route.TimeWarp + Math.Max(0, route.Duration - type.MaxDuration);
        if (warp > 0)
        {
            cost += TimeWarp * warp;
        }

        if (route.Distance > type.MaxDistance)
        {
            cost += Range * (route.Distance - type.MaxDistance);
        }

        return cost;
    }

    /// <summary>
    /// The next price of one constraint given the share of recent local-search results that satisfied it: up by
    /// a fifth below the target band (±5 points), down by 15% above it, and by half / 30% when the share is
    /// under half or over twice the band's edge. The bigger steps matter to time-limited runs on large
    /// instances, which see only a few hundred offspring while the first price can be off tenfold.
    /// </summary>
    public static double Adapted(double price, double share, double target)
    {
        var low = target - 0.05;
        var high = target + 0.05;
        if (share < low)
        {
            return Math.Min(price * (share < low / 2 ? 1.5 : 1.2), 100_000);
        }

        if (share > high)
        {
            return Math.Max(price * (share > 2 * high ? 0.7 : 0.85), 0.1);
        }

        return price;
    }

    public Penalties Scaled(double factor) => new() { Load = Load * factor, TimeWarp = TimeWarp * factor, Range = Range * factor };
}
