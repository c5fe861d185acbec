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

    public Penalties Scaled(double factor) => new() { Load = Load * factor, TimeWarp = TimeWarp * factor, Range = Range * factor };
}
