namespace Lifeline.Planning.Search;

/// <summary>
/// Cuts a giant tour into routes optimally (Prins' Bellman split, with penalised excess load and time warp),
/// each route priced on its cheapest vehicle type, then hands the routes to the available vehicles, heaviest first.
/// </summary>
internal sealed class Split
{
    private readonly SearchSpace _space;
    private readonly RoutingProblem _problem;
    private readonly double[] _potential;
    private readonly int[] _predecessor;
    private readonly VehicleType[] _types;

    public Split(SearchSpace space)
    {
        _space = space;
        _problem = space.Problem;
        _potential = new double[space.ClientCount + 1];
        _predecessor = new int[space.ClientCount + 1];

        // Each candidate route is priced on the cheapest type from the reference depot that could drive it;
        // how many of each type exist is only enforced when routes are handed out.
        var depot = _problem.Fleet[space.ReferenceType].Depot;
        _types = _problem.Fleet.Where(t => t.Count > 0 && t.Depot == depot).Distinct().ToArray();
    }

    public Individual Apply(int[] tour, Penalties penalties)
    {
        var n = tour.Length;
        var reference = _problem.Fleet[_space.ReferenceType];
        var depot = reference.Depot;
        var loadLimit = 1.5 * reference.Capacity;
        Array.Fill(_potential, double.PositiveInfinity);
        _potential[0] = 0;
        for (var i = 0; i < n; i++)
        {
            if (double.IsPositiveInfinity(_potential[i]))
            {
                continue;
            }

            var segment = _space.StartSegment(depot);
            for (var j = i; j < n; j++)
            {
                segment = Segment.Join(_problem, segment, _space.VisitSegment(tour[j]));
                if (j > i && segment.Load > loadLimit)
                {
                    break;
                }

                var closed = Segment.Join(_problem, segment, _space.EndSegment(depot));
                var routeCost = double.PositiveInfinity;
                foreach (var type in _types)
                {
                    routeCost = Math.Min(routeCost, penalties.RouteCost(closed, type, false));
                }

                var cost = _potential[i] + routeCost;
                if (cost < _potential[j + 1])
                {
                    _potential[j + 1] = cost;
                    _predecessor[j + 1] = i;
                }
            }
        }

        var cuts = new List<(int From, int To)>();
        for (var end = n; end > 0; end = _predecessor[end])
        {
            cuts.Add((_predecessor[end], end));
        }

        return new Individual(_space, Assign(tour, cuts, penalties), []);
    }

    /// <summary>Gives each route (heaviest first) the free vehicle on which it costs least; surplus routes are merged.</summary>
    private int[][] Assign(int[] tour, List<(int From, int To)> cuts, Penalties penalties)
    {
        var slots = _space.SlotType;
        var routes = new int[slots.Length][];
        var used = new bool[slots.Length];
        var ordered = cuts
            .Select(c => tour[c.From..c.To])
            .OrderByDescending(r => r.Sum(node => _problem.Demand[node]))
            .ToList();
        var last = -1;
        foreach (var stops in ordered)
        {
            var best = -1;
            var bestCost = double.PositiveInfinity;
            var triedType = new HashSet<int>();
            for (var s = 0; s < slots.Length; s++)
            {
                if (used[s] || !triedType.Add(slots[s]))
                {
                    continue;
                }

                var cost = Cost(stops, _problem.Fleet[slots[s]], penalties);
                if (cost < bestCost)
                {
                    bestCost = cost;
                    best = s;
                }
            }

            if (best < 0)
            {
                // More routes than vehicles: ride along with the last route and let the search repair it.
                routes[last] = [.. routes[last], .. stops];
                continue;
            }

            used[best] = true;
            routes[best] = stops;
            last = best;
        }

        for (var s = 0; s < slots.Length; s++)
        {
            routes[s] ??= [];
        }

        return routes;
    }

    private double Cost(int[] stops, VehicleType vehicle, Penalties penalties)
    {
        var segment = _space.StartSegment(vehicle.Depot);
        foreach (var node in stops)
        {
            segment = Segment.Join(_problem, segment, _space.VisitSegment(node));
        }

        segment = Segment.Join(_problem, segment, _space.EndSegment(vehicle.Depot));
        return penalties.RouteCost(segment, vehicle, false);
    }
}
