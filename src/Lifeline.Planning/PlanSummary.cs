namespace Lifeline.Planning;

/// <summary>One route as a person reads it: vehicle, stop ids in order, load carried, distance and cost.</summary>
public sealed record RouteSummary(string Vehicle, string Depot, IReadOnlyList<string> Stops, long Load, int Capacity, double Distance, double Cost);

/// <summary>A plan described with the problem's ids, for printing or serialising.</summary>
public sealed record PlanSummary(bool Feasible, double Cost, IReadOnlyList<RouteSummary> Routes, IReadOnlyList<string> Unserved)
{
    public static PlanSummary Of(RoutingProblem problem, IReadOnlyList<string> nodeIds, Plan plan, bool feasible)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(nodeIds);
        ArgumentNullException.ThrowIfNull(plan);
        var routes = new List<RouteSummary>();
        foreach (var route in plan.Routes)
        {
            var type = problem.Fleet[route.VehicleType];
            var distance = 0.0;
            var previous = type.Depot;
            long load = 0;
            foreach (var stop in route.Stops)
            {
                distance += problem.Dist(previous, stop);
                load += problem.Demand[stop];
                previous = stop;
            }

            distance += problem.Dist(previous, type.Depot);
            routes.Add(new RouteSummary(type.Name, nodeIds[type.Depot], route.Stops.Select(s => nodeIds[s]).ToList(), load, type.Capacity,
                distance, type.FixedCost + (type.CostPerDistance * distance)));
        }

        return new PlanSummary(feasible, Plan.CostOf(problem, plan), routes, plan.Unserved.Select(s => nodeIds[s]).ToList());
    }
}
