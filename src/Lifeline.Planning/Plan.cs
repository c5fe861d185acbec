namespace Lifeline.Planning;

/// <summary>One vehicle's trip: it leaves its type's depot, visits <paramref name="Stops"/> in order and returns.</summary>
public sealed record PlannedRoute(int VehicleType, IReadOnlyList<int> Stops);

/// <summary>A solution: the routes driven and the optional stops left unserved.</summary>
public sealed record Plan(IReadOnlyList<PlannedRoute> Routes, IReadOnlyList<int> Unserved)
{
    /// <summary>Objective value: fixed and distance costs of all routes plus penalties of unserved stops.</summary>
    public static double CostOf(RoutingProblem problem, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plan);
        var cost = 0.0;
        foreach (var route in plan.Routes)
        {
            if (route.Stops.Count == 0)
            {
                continue;
            }

            var type = problem.Fleet[route.VehicleType];
            var distance = 0.0;
            var previous = type.Depot;
            foreach (var stop in route.Stops)
            {
                distance += problem.Dist(previous, stop);
                previous = stop;
            }

            distance += problem.Dist(previous, type.Depot);
            cost += type.FixedCost + (type.CostPerDistance * distance);
        }

        foreach (var stop in plan.Unserved)
        {
            cost += problem.UnservedPenalty[stop];
        }

        return cost;
    }
}
