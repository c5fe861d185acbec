using System.Globalization;

namespace Lifeline.Planning.Checking;

/// <summary>
/// Recomputes a plan's cost and verifies every constraint from the raw problem data, sharing no code with the
/// search, so a bug in the search's incremental bookkeeping cannot hide itself.
/// </summary>
public static class SolutionChecker
{
    private const double Tolerance = 1e-6;

    public static CheckReport Check(RoutingProblem problem, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plan);
        var violations = new List<Violation>();
        var timesServed = new int[problem.NodeCount];
        var vehiclesUsed = new int[problem.Fleet.Count];
        var cost = 0.0;

        for (var r = 0; r < plan.Routes.Count; r++)
        {
            var route = plan.Routes[r];
            if (route.VehicleType < 0 || route.VehicleType >= problem.Fleet.Count)
            {
                violations.Add(new Violation(ViolationKind.UnknownVehicleType, r, -1, Text($"vehicle type {route.VehicleType} does not exist")));
                continue;
            }

            if (route.Stops.Count == 0)
            {
                continue;
            }

            vehiclesUsed[route.VehicleType]++;
            var valid = true;
            foreach (var stop in route.Stops)
            {
                if (stop < 0 || stop >= problem.NodeCount)
                {
                    violations.Add(new Violation(ViolationKind.UnknownStop, r, stop, Text($"stop {stop} does not exist")));
                    valid = false;
                }
                else if (stop < problem.DepotCount)
                {
                    violations.Add(new Violation(ViolationKind.DepotVisitedAsStop, r, stop, Text($"node {stop} is a depot")));
                    valid = false;
                }
                else
                {
                    timesServed[stop]++;
                }
            }

            if (valid)
            {
                cost += CheckRoute(problem, r, route, violations);
            }
        }

        for (var t = 0; t < problem.Fleet.Count; t++)
        {
            if (vehiclesUsed[t] > problem.Fleet[t].Count)
            {
                violations.Add(new Violation(ViolationKind.TooManyVehicles, -1, -1,
                    Text($"{vehiclesUsed[t]} routes use vehicle type {t}, only {problem.Fleet[t].Count} available")));
            }
        }

        foreach (var stop in plan.Unserved.Distinct())
        {
            if (stop < problem.DepotCount || stop >= problem.NodeCount)
            {
                violations.Add(new Violation(ViolationKind.UnknownStop, -1, stop, Text($"unserved stop {stop} does not exist")));
                continue;
            }

            if (!problem.IsMandatory(stop) && timesServed[stop] == 0)
            {
                cost += problem.UnservedPenalty[stop];
            }
        }

        var listedUnserved = plan.Unserved.ToHashSet();
        for (var stop = problem.DepotCount; stop < problem.NodeCount; stop++)
        {
            if (timesServed[stop] > 1)
            {
                violations.Add(new Violation(ViolationKind.StopServedTwice, -1, stop, Text($"stop {stop} is served {timesServed[stop]} times")));
            }
            else if (timesServed[stop] == 0 && problem.IsMandatory(stop))
            {
                violations.Add(new Violation(ViolationKind.MandatoryStopUnserved, -1, stop, Text($"mandatory stop {stop} is not served")));
            }
            else if (timesServed[stop] == 0 && !listedUnserved.Contains(stop))
            {
                // An optional stop that is neither routed nor listed still costs its penalty.
                cost += problem.UnservedPenalty[stop];
            }
        }

        foreach (var stop in plan.Unserved)
        {
            if (stop >= problem.DepotCount && stop < problem.NodeCount && timesServed[stop] > 0)
            {
                violations.Add(new Violation(ViolationKind.StopServedTwice, -1, stop, Text($"stop {stop} is both served and listed as unserved")));
            }
        }

        return new CheckReport(cost, violations);
    }

    private static double CheckRoute(RoutingProblem problem, int r, PlannedRoute route, List<Violation> violations)
    {
        var type = problem.Fleet[route.VehicleType];
        var depot = type.Depot;
        long load = 0;
        long volume = 0;
        var distance = 0.0;

        // Earliest-start schedule; the departure is then delayed as far as the windows allow to get the
        // shortest possible duration, which is what a dispatcher would do.
        var departure = problem.Ready[depot];
        var time = departure + problem.Service[depot];
        var previous = depot;
        var totalWait = 0.0;
        var delayAllowed = problem.Due[depot] - departure;
        foreach (var stop in route.Stops)
        {
            load += problem.Demand[stop];
            volume += problem.Volume[stop];
            distance += problem.Dist(previous, stop);
            var arrival = time + problem.Time(previous, stop);
            var start = Math.Max(arrival, problem.Ready[stop]);
            totalWait += start - arrival;
            if (start > problem.Due[stop] + Tolerance)
            {
                violations.Add(new Violation(ViolationKind.TimeWindowMissed, r, stop,
                    Text($"service at stop {stop} starts at {start}, after its window closes at {problem.Due[stop]}")));
            }

            delayAllowed = Math.Min(delayAllowed, problem.Due[stop] - start + totalWait);
            time = start + problem.Service[stop];
            previous = stop;
        }

        distance += problem.Dist(previous, depot);
        var back = time + problem.Time(previous, depot);
        if (back > problem.Due[depot] + Tolerance)
        {
            violations.Add(new Violation(ViolationKind.LateReturnToDepot, r, depot, Text($"returns at {back}, depot closes at {problem.Due[depot]}")));
        }

        delayAllowed = Math.Min(delayAllowed, problem.Due[depot] - back + totalWait);
        var duration = back - departure - Math.Clamp(delayAllowed, 0, totalWait);
        if (load > type.Capacity)
        {
            violations.Add(new Violation(ViolationKind.CapacityExceeded, r, -1, Text($"load {load} exceeds capacity {type.Capacity}")));
        }

        if (volume > type.VolumeCapacity)
        {
            violations.Add(new Violation(ViolationKind.VolumeExceeded, r, -1, Text($"volume {volume} exceeds {type.VolumeCapacity}")));
        }

        if (duration > type.MaxDuration + Tolerance)
        {
            violations.Add(new Violation(ViolationKind.DurationExceeded, r, -1, Text($"duration {duration} exceeds {type.MaxDuration}")));
        }

        if (distance > type.MaxDistance + Tolerance)
        {
            violations.Add(new Violation(ViolationKind.RangeExceeded, r, -1, Text($"distance {distance} exceeds range {type.MaxDistance}")));
        }

        return type.FixedCost + (type.CostPerDistance * distance);
    }

    private static string Text(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
