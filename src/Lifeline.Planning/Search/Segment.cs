namespace Lifeline.Planning.Search;

/// <summary>
/// Summary of a visited sequence that can be joined to another in O(1): load, distance and the time-window data
/// of Vidal et al. (2013) — duration, time warp, earliest and latest feasible start.
/// </summary>
internal struct Segment
{
    public int First;
    public int Last;
    public int Load;
    public int Volume;
    public double Distance;
    public double Duration;
    public double TimeWarp;
    public double Earliest;
    public double Latest;

    public static Segment Visit(RoutingProblem problem, int node) => new()
    {
        First = node,
        Last = node,
        Load = problem.Demand[node],
        Volume = problem.Volume[node],
        Duration = problem.Service[node],
        Earliest = problem.Ready[node],
        Latest = problem.Due[node],
    };

    /// <summary>A depot at the end of a route: no loading time is spent there.</summary>
    public static Segment Arrival(RoutingProblem problem, int depot) => new()
    {
        First = depot,
        Last = depot,
        Earliest = problem.Ready[depot],
        Latest = problem.Due[depot],
    };

    public static Segment Join(RoutingProblem problem, in Segment a, in Segment b)
    {
        var arc = (a.Last * problem.NodeCount) + b.First;
        var travel = problem.Duration[arc];
        var delta = a.Duration - a.TimeWarp + travel;
        var wait = Math.Max(b.Earliest - delta - a.Latest, 0);
        var warp = Math.Max(a.Earliest + delta - b.Latest, 0);
        return new Segment
        {
            First = a.First,
            Last = b.Last,
            Load = a.Load + b.Load,
            Volume = a.Volume + b.Volume,
            Distance = a.Distance + problem.Distance[arc] + b.Distance,
            Duration = a.Duration + b.Duration + travel + wait,
            TimeWarp = a.TimeWarp + b.TimeWarp + warp,
            Earliest = Math.Max(b.Earliest - delta, a.Earliest) - wait,
            Latest = Math.Min(b.Latest - delta, a.Latest) + warp,
        };
    }
}
