namespace Lifeline.Planning.Search;

/// <summary>
/// Everything the search derives once from a problem: the vehicle slots (one route per available vehicle, capped
/// for unlimited fleets), granular neighbour lists and the single-visit segments.
/// </summary>
internal sealed class SearchSpace
{
    private readonly Segment[] _visit;
    private readonly Segment[] _end;

    public SearchSpace(RoutingProblem problem, int granularity)
    {
        Problem = problem;
        ClientCount = problem.ClientCount;
        _visit = new Segment[problem.NodeCount];
        _end = new Segment[problem.DepotCount];
        for (var i = 0; i < problem.NodeCount; i++)
        {
            _visit[i] = Segment.Visit(problem, i);
        }

        for (var d = 0; d < problem.DepotCount; d++)
        {
            _end[d] = Segment.Arrival(problem, d);
        }

        SlotType = BuildSlots(problem);
        Neighbours = BuildNeighbours(problem, granularity);
        var fleet = problem.Fleet;
        var reference = 0;
        for (var t = 1; t < fleet.Count; t++)
        {
            if (fleet[t].Count > 0 && (fleet[reference].Count == 0 || fleet[t].Capacity > fleet[reference].Capacity))
            {
                reference = t;
            }
        }

        ReferenceType = reference;
        IsSymmetric = true;
        for (var i = 0; i < problem.NodeCount && IsSymmetric; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (problem.Dist(i, j) != problem.Dist(j, i))
                {
                    IsSymmetric = false;
                    break;
                }
            }
        }

        var maxDistance = problem.Distance.Max();
        var maxDemand = Math.Max(1, problem.Demand.Max());
        InitialLoadPenalty = Math.Clamp(maxDistance / maxDemand, 0.1, 1000);
    }

    public RoutingProblem Problem { get; }

    public int ClientCount { get; }

    /// <summary>Vehicle type of each route slot.</summary>
    public int[] SlotType { get; }

    /// <summary>For each node, the closest stops in the sense of distance and time-window compatibility.</summary>
    public int[][] Neighbours { get; }

    /// <summary>The vehicle type used to cut giant tours into routes: the largest one available.</summary>
    public int ReferenceType { get; }

    public double InitialLoadPenalty { get; }

    /// <summary>True when every arc has the same length both ways, so reversing a stretch keeps its length.</summary>
    public bool IsSymmetric { get; }

    public Segment VisitSegment(int node) => _visit[node];

    public Segment StartSegment(int depot) => _visit[depot];

    public Segment EndSegment(int depot) => _end[depot];

    private static int[] BuildSlots(RoutingProblem problem)
    {
        var clients = problem.ClientCount;
        var totalDemand = 0L;
        for (var i = problem.DepotCount; i < problem.NodeCount; i++)
        {
            totalDemand += problem.Demand[i];
        }

        var slots = new List<int>();
        for (var t = 0; t < problem.Fleet.Count; t++)
        {
            var type = problem.Fleet[t];
            var count = Math.Min(type.Count, clients);
            if (type.Count >= clients && !problem.HasTimeWindows)
            {
                // An effectively unlimited fleet: more routes than this would never be needed (Vidal's bound).
                var estimate = (int)Math.Ceiling(1.3 * totalDemand / Math.Max(1, type.Capacity)) + 3;
                count = Math.Min(count, Math.Max(estimate, 1));
            }

            for (var i = 0; i < count; i++)
            {
                slots.Add(t);
            }
        }

        return slots.ToArray();
    }

    private static int[][] BuildNeighbours(RoutingProblem problem, int granularity)
    {
        var first = problem.DepotCount;
        var clients = problem.ClientCount;
        var result = new int[problem.NodeCount][];
        var candidates = new (double Proximity, int Node)[clients];
        for (var i = 0; i < problem.NodeCount; i++)
        {
            if (i < first)
            {
                result[i] = [];
                continue;
            }

            var k = 0;
            for (var j = first; j < problem.NodeCount; j++)
            {
                if (j == i)
                {
                    continue;
                }

                // Correlation measure of HGS-TW: distance plus waiting and lateness if j were visited right after i.
                var proximity = problem.Dist(i, j);
                if (problem.HasTimeWindows)
                {
                    var arrival = problem.Ready[i] + problem.Service[i] + problem.Time(i, j);
                    proximity += (0.2 * Math.Max(0, problem.Ready[j] - arrival - (problem.Due[i] - problem.Ready[i])))
                        + Math.Max(0, arrival - problem.Due[j]);
                }

                candidates[k++] = (proximity, j);
            }

            Array.Sort(candidates, 0, k);
            var size = Math.Min(granularity, k);
            result[i] = new int[size];
            for (var m = 0; m < size; m++)
            {
                result[i][m] = candidates[m].Node;
            }
        }

        return result;
    }
}
