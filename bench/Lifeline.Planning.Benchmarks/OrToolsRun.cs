using System.Diagnostics;
using Google.OrTools.ConstraintSolver;
using Google.Protobuf.WellKnownTypes;
using Lifeline.Planning.Checking;

namespace Lifeline.Planning.Benchmarks;

/// <summary>
/// OR-Tools' answer, checked by the same checker as ours, and when it found it: the wall-clock time from the start
/// of its search to the last solution that lowered its objective (the one it returns), and that objective, unscaled.
/// </summary>
internal sealed record OrToolsOutcome(CheckReport Report, TimeSpan TimeToBest, double BestObjective);

/// <summary>
/// Google OR-Tools on the same problem: path-cheapest-arc start, guided local search, same time limit.
/// OR-Tools wants integer arc costs, so costs are scaled by 100 and rounded; the reported cost is recomputed
/// in double precision by our checker from the routes it returns.
/// </summary>
internal static class OrToolsRun
{
    private const double Scale = 100;

    /// <param name="problem">The instance, solved as given.</param>
    /// <param name="limit">OR-Tools' own time limit, always of the wall clock.</param>
    /// <param name="solutionLimit">Also stop after this many solutions; tests bound OR-Tools this way, not by the clock.</param>
    public static OrToolsOutcome? Solve(RoutingProblem problem, TimeSpan limit, long? solutionLimit = null)
    {
        var vehicles = new List<int>();
        var clients = problem.ClientCount;
        var totalDemand = problem.Demand.Sum();
        for (var t = 0; t < problem.Fleet.Count; t++)
        {
            var type = problem.Fleet[t];
            var count = Math.Min(type.Count, clients);
            if (type.Count >= clients && !problem.HasTimeWindows)
            {
                count = Math.Min(count, (int)Math.Ceiling(1.3 * totalDemand / type.Capacity) + 3);
            }

            vehicles.AddRange(Enumerable.Repeat(t, count));
        }

        var starts = vehicles.Select(t => problem.Fleet[t].Depot).ToArray();
        var manager = new RoutingIndexManager(problem.NodeCount, vehicles.Count, starts, starts);
        var routing = new RoutingModel(manager);
        var distance = routing.RegisterTransitCallback((from, to) =>
            (long)Math.Round(problem.Dist(manager.IndexToNode(from), manager.IndexToNode(to)) * Scale));
        var costCallbacks = new Dictionary<double, int>();
        for (var v = 0; v < vehicles.Count; v++)
        {
            var type = problem.Fleet[vehicles[v]];
            if (!costCallbacks.TryGetValue(type.CostPerDistance, out var callback))
            {
                var perUnit = type.CostPerDistance;
                callback = routing.RegisterTransitCallback((from, to) =>
                    (long)Math.Round(problem.Dist(manager.IndexToNode(from), manager.IndexToNode(to)) * perUnit * Scale));
                costCallbacks[perUnit] = callback;
            }

            routing.SetArcCostEvaluatorOfVehicle(callback, v);
            routing.SetFixedCostOfVehicle((long)Math.Round(type.FixedCost * Scale), v);
        }

        var demand = routing.RegisterUnaryTransitCallback(from => problem.Demand[manager.IndexToNode(from)]);
        routing.AddDimensionWithVehicleCapacity(demand, 0, vehicles.Select(t => (long)problem.Fleet[t].Capacity).ToArray(), true, "Load");
        if (problem.HasTimeWindows)
        {
            var time = routing.RegisterTransitCallback((from, to) =>
            {
                var i = manager.IndexToNode(from);
                return (long)Math.Round((problem.Service[i] + problem.Time(i, manager.IndexToNode(to))) * Scale);
            });
            var horizon = (long)Math.Round(problem.Due.Where(double.IsFinite).DefaultIfEmpty(1e7).Max() * Scale) + 1;
            routing.AddDimension(time, horizon, horizon, false, "Time");
            var dimension = routing.GetMutableDimension("Time");
            for (var node = problem.DepotCount; node < problem.NodeCount; node++)
            {
                dimension.CumulVar(manager.NodeToIndex(node)).SetRange(Ticks(problem.Ready[node]), Math.Min(horizon, Ticks(problem.Due[node])));
            }
        }

        if (problem.Fleet.Any(t => double.IsFinite(t.MaxDistance)))
        {
            routing.AddDimensionWithVehicleCapacity(distance, 0,
                vehicles.Select(t => double.IsFinite(problem.Fleet[t].MaxDistance) ? (long)(problem.Fleet[t].MaxDistance * Scale) : long.MaxValue / 4).ToArray(),
                true, "Range");
        }

        for (var node = problem.DepotCount; node < problem.NodeCount; node++)
        {
            if (!problem.IsMandatory(node))
            {
                routing.AddDisjunction([manager.NodeToIndex(node)], (long)Math.Round(problem.UnservedPenalty[node] * Scale));
            }
        }

        var parameters = operations_research_constraint_solver.DefaultRoutingSearchParameters();
        parameters.FirstSolutionStrategy = FirstSolutionStrategy.Types.Value.PathCheapestArc;
        parameters.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GuidedLocalSearch;
        parameters.TimeLimit = Duration.FromTimeSpan(limit);
        if (solutionLimit is { } solutions)
        {
            parameters.SolutionLimit = solutions;
        }

        // Each solution the search accepts reports its objective (scaled, integer); the last one to lower it is the
        // solution returned, so its time is OR-Tools' time to best, on the wall clock its limit is set on.
        var clock = Stopwatch.StartNew();
        var best = long.MaxValue;
        var timeToBest = TimeSpan.Zero;
        routing.AddAtSolutionCallback(() =>
        {
            var objective = routing.CostVar().Max();
            if (objective < best)
            {
                best = objective;
                timeToBest = clock.Elapsed;
            }
        });
        var solution = routing.SolveWithParameters(parameters);
        if (solution is null)
        {
            return null;
        }

        var routes = new List<PlannedRoute>();
        var served = new HashSet<int>();
        for (var v = 0; v < vehicles.Count; v++)
        {
            var stops = new List<int>();
            for (var index = solution.Value(routing.NextVar(routing.Start(v))); !routing.IsEnd(index); index = solution.Value(routing.NextVar(index)))
            {
                stops.Add(manager.IndexToNode(index));
            }

            if (stops.Count > 0)
            {
                routes.Add(new PlannedRoute(vehicles[v], stops));
                served.UnionWith(stops);
            }
        }

        var unserved = Enumerable.Range(problem.DepotCount, problem.ClientCount).Where(n => !served.Contains(n)).ToArray();
        return new OrToolsOutcome(SolutionChecker.Check(problem, new Plan(routes, unserved)), timeToBest, best / Scale);

        static long Ticks(double value) => double.IsFinite(value) ? (long)Math.Round(value * Scale) : long.MaxValue / 4;
    }
}
