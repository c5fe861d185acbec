namespace Lifeline.Planning.Search;

/// <summary>
/// One member of the genetic population: the stops of each vehicle slot, the stops left out, and the giant tour
/// (all stops, routes concatenated then the unserved ones) that crossover works on.
/// </summary>
internal sealed class Individual
{
    public Individual(SearchSpace space, int[][] routes, int[] unserved)
    {
        Routes = routes;
        Unserved = unserved;
        var problem = space.Problem;
        Successor = new int[problem.NodeCount];
        Predecessor = new int[problem.NodeCount];
        Array.Fill(Successor, Unrouted);
        Array.Fill(Predecessor, Unrouted);
        GiantTour = new int[space.ClientCount];
        var k = 0;
        for (var r = 0; r < routes.Length; r++)
        {
            var route = routes[r];
            if (route.Length == 0)
            {
                continue;
            }

            var type = space.SlotType[r];
            var vehicle = problem.Fleet[type];
            var segment = space.StartSegment(vehicle.Depot);
            for (var p = 0; p < route.Length; p++)
            {
                var node = route[p];
                GiantTour[k++] = node;
                Predecessor[node] = p == 0 ? Depot : route[p - 1];
                Successor[node] = p == route.Length - 1 ? Depot : route[p + 1];
                segment = Segment.Join(problem, segment, space.VisitSegment(node));
            }

            segment = Segment.Join(problem, segment, space.EndSegment(vehicle.Depot));
            Cost += vehicle.FixedCost + (vehicle.CostPerDistance * segment.Distance);
            LoadExcess += Math.Max(0, segment.Load - vehicle.Capacity) + Math.Max(0, segment.Volume - vehicle.VolumeCapacity);
            TimeWarp += segment.TimeWarp + Math.Max(0, segment.Duration - vehicle.MaxDuration);
            RangeExcess += Math.Max(0, segment.Distance - vehicle.MaxDistance);
        }

        foreach (var node in unserved)
        {
            GiantTour[k++] = node;
            Cost += problem.UnservedPenalty[node];
        }
    }

    public const int Depot = -1;
    public const int Unrouted = -2;

    public int[][] Routes { get; }

    public int[] Unserved { get; }

    public int[] GiantTour { get; }

    public int[] Successor { get; }

    public int[] Predecessor { get; }

    /// <summary>True objective: fixed and distance costs plus penalties of unserved optional stops.</summary>
    public double Cost { get; }

    public double LoadExcess { get; }

    public double TimeWarp { get; }

    public double RangeExcess { get; }

    public bool IsFeasible => LoadExcess <= 0 && TimeWarp <= 1e-9 && RangeExcess <= 1e-9;

    /// <summary>Distances to the other members of its sub-population, nearest first.</summary>
    public List<(double Distance, Individual Other)> Neighbours { get; } = [];

    public double Fitness { get; set; }

    public double PenalisedCost(Penalties penalties) =>
        Cost + (penalties.Load * LoadExcess) + (penalties.TimeWarp * TimeWarp) + (penalties.Range * RangeExcess);

    /// <summary>Broken-pairs distance: the share of stops whose neighbours differ between the two solutions.</summary>
    public double DistanceTo(Individual other)
    {
        var differences = 0;
        var clients = GiantTour.Length;
        for (var node = Successor.Length - clients; node < Successor.Length; node++)
        {
            var s = Successor[node];
            if (s != other.Successor[node] && s != other.Predecessor[node])
            {
                differences++;
            }
            else if (Predecessor[node] == Depot && other.Predecessor[node] != Depot && other.Successor[node] != Depot)
            {
                differences++;
            }
        }

        return (double)differences / clients;
    }

    public double AverageDistanceToClosest(int count)
    {
        var n = Math.Min(count, Neighbours.Count);
        if (n == 0)
        {
            return 0;
        }

        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += Neighbours[i].Distance;
        }

        return sum / n;
    }

    public Plan ToPlan(SearchSpace space)
    {
        var routes = new List<PlannedRoute>();
        for (var r = 0; r < Routes.Length; r++)
        {
            if (Routes[r].Length > 0)
            {
                routes.Add(new PlannedRoute(space.SlotType[r], Routes[r]));
            }
        }

        return new Plan(routes, Unserved.Order().ToArray());
    }
}
