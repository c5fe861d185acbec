namespace Lifeline.Planning;

/// <summary>
/// A routing problem laid out for the search: nodes 0..DepotCount-1 are depots, the rest are stops.
/// Distances and durations are flat row-major matrices so the inner loops touch one array each.
/// </summary>
public sealed class RoutingProblem
{
    public RoutingProblem(
        string name,
        int depotCount,
        double[] distance,
        double[]? duration,
        int[] demand,
        IReadOnlyList<VehicleType> fleet,
        int[]? volume = null,
        double[]? ready = null,
        double[]? due = null,
        double[]? service = null,
        double[]? unservedPenalty = null,
        double[]? x = null,
        double[]? y = null)
    {
        ArgumentNullException.ThrowIfNull(distance);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(fleet);
        var n = demand.Length;
        if (depotCount < 1 || depotCount > n)
        {
            throw new ArgumentOutOfRangeException(nameof(depotCount));
        }

        if (distance.Length != n * n || (duration is not null && duration.Length != n * n))
        {
            throw new ArgumentException("Matrices must be NodeCount × NodeCount.", nameof(distance));
        }

        if (fleet.Count == 0 || fleet.Any(v => v.Depot < 0 || v.Depot >= depotCount || v.Count < 0))
        {
            throw new ArgumentException("Every vehicle type needs a valid depot and a non-negative count.", nameof(fleet));
        }

        Name = name;
        DepotCount = depotCount;
        NodeCount = n;
        Distance = distance;
        Duration = duration ?? distance;
        Demand = demand;
        Volume = volume ?? new int[n];
        Ready = ready ?? new double[n];
        Due = due ?? Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        Service = service ?? new double[n];
        UnservedPenalty = unservedPenalty ?? Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        Fleet = fleet;
        X = x;
        Y = y;
        HasTimeWindows = Enumerable.Range(0, n).Any(i => Ready[i] > 0 || !double.IsPositiveInfinity(Due[i]) || Service[i] > 0)
            || fleet.Any(v => !double.IsPositiveInfinity(v.MaxDuration));
    }

    public string Name { get; }

    public int DepotCount { get; }

    public int NodeCount { get; }

    public int ClientCount => NodeCount - DepotCount;

    /// <summary>Row-major NodeCount × NodeCount distance matrix, already rounded by the instance's convention.</summary>
    public double[] Distance { get; }

    /// <summary>Row-major travel-time matrix; the same array as <see cref="Distance"/> when time is distance.</summary>
    public double[] Duration { get; }

    public int[] Demand { get; }

    public int[] Volume { get; }

    public double[] Ready { get; }

    public double[] Due { get; }

    public double[] Service { get; }

    /// <summary>Cost of leaving a stop unserved; positive infinity for a mandatory stop.</summary>
    public double[] UnservedPenalty { get; }

    public IReadOnlyList<VehicleType> Fleet { get; }

    public double[]? X { get; }

    public double[]? Y { get; }

    public bool HasTimeWindows { get; }

    public bool IsMandatory(int node) => double.IsPositiveInfinity(UnservedPenalty[node]);

    public double Dist(int from, int to) => Distance[(from * NodeCount) + to];

    public double Time(int from, int to) => Duration[(from * NodeCount) + to];
}
