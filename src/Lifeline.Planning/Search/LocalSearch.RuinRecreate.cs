namespace Lifeline.Planning.Search;

/// <summary>
/// Ruin and recreate (after SISR, Christiaens and Vanden Berghe 2020): strings of adjacent stops are cut out of a
/// few routes near a random stop and put back one by one at their cheapest place, then the local search runs on
/// the routes that changed. The offspring stays close to its parent, so educating it costs a small fraction of a
/// crossover offspring's education; on large instances that buys many more generations in the same time.
/// </summary>
internal sealed partial class LocalSearch
{
    /// <summary>Average number of stops removed (SISR's c̄).</summary>
    private const int AverageRemoved = 10;

    /// <summary>Longest string cut from one route (SISR's L^max).</summary>
    private const int LongestString = 10;

    /// <summary>Chance of skipping a place while looking for the cheapest insertion (SISR's blinks).</summary>
    private const double BlinkRate = 0.01;

    private readonly int[] _removed;
    private readonly int[] _routeSeen;

    /// <summary>Distance from the nearest depot to each stop, for the insertion orders that go by it.</summary>
    private readonly double[] _depotDistance;

    // The insertion orders, made once: a lambda written at the call would be a new delegate per offspring.
    private readonly Comparison<int> _byDemandDescending;
    private readonly Comparison<int> _byDepotDistanceDescending;
    private readonly Comparison<int> _byDepotDistanceAscending;
    private int _seenStamp;

    /// <summary>Ruins and recreates part of <paramref name="individual"/> and improves what changed.</summary>
    public Individual RuinAndRecreate(Individual individual, Penalties penalties)
    {
        _penalties = penalties;
        Load(individual);
        MarkAllTested();
        var removed = Ruin();
        Recreate(removed);
        Run(incremental: true);
        return Export();
    }

    private int Ruin()
    {
        var used = 0;
        var clients = 0;
        for (var r = 0; r < _routeCount; r++)
        {
            if (_length[r] > 0)
            {
                used++;
                clients += _length[r];
            }
        }

        if (used == 0)
        {
            return 0;
        }

        var longest = Math.Min(LongestString, Math.Max(1, clients / used));
        var strings = 1 + _random.Next(Math.Max(1, (4 * AverageRemoved / (1 + longest)) - 1));
        var seed = _problem.DepotCount + _random.Next(_space.ClientCount);
        var stamp = ++_seenStamp;
        var removed = 0;
        var neighbours = _space.Neighbours[seed];
        for (var k = -1; k < neighbours.Length && strings > 0; k++)
        {
            var node = k < 0 ? seed : neighbours[k];
            var r = _routeOf[node];
            if (r < 0 || _routeSeen[r] == stamp)
            {
                continue;
            }

            _routeSeen[r] = stamp;
            strings--;
            var length = 1 + _random.Next(Math.Min(longest, _length[r]));
            var position = _positionOf[node];
            var lowest = Math.Max(1, position - length + 1);
            var highest = Math.Min(position, _length[r] - length + 1);
            var from = lowest + _random.Next(highest - lowest + 1);
            var visits = _visits[r];
            var kept = 0;
            for (var p = 1; p <= _length[r]; p++)
            {
                if (p >= from && p < from + length)
                {
                    _removed[removed++] = visits[p];
                    _routeOf[visits[p]] = -1;
                }
                else
                {
                    _scratchA[kept++] = visits[p];
                }
            }

            Commit(r, _scratchA, kept);
        }

        return removed;
    }

    private void Recreate(int count)
    {
        var removed = _removed.AsSpan(0, count);
        _random.Shuffle(removed);
        switch (_random.Next(11))
        {
            case < 4:
                break;
            case < 8:
                removed.Sort(_byDemandDescending);
                break;
            case < 10:
                removed.Sort(_byDepotDistanceDescending);
                break;
            default:
                removed.Sort(_byDepotDistanceAscending);
                break;
        }

        foreach (var u in removed)
        {
            InsertCheapest(u);
        }
    }

    internal static double[] NearestDepotDistances(RoutingProblem problem)
    {
        var distances = new double[problem.NodeCount];
        for (var node = 0; node < problem.NodeCount; node++)
        {
            distances[node] = double.PositiveInfinity;
            for (var depot = 0; depot < problem.DepotCount; depot++)
            {
                distances[node] = Math.Min(distances[node], problem.Dist(depot, node));
            }
        }

        return distances;
    }

    /// <summary>Puts U at its cheapest place in the routes of its neighbours or in an empty vehicle; optional stops stay out when that is cheaper.</summary>
    private void InsertCheapest(int u)
    {
        var bestDelta = double.PositiveInfinity;
        var bestRoute = -1;
        var bestPosition = -1;
        var stamp = ++_seenStamp;
        foreach (var v in _space.Neighbours[u])
        {
            var r = _routeOf[v];
            if (r >= 0 && _routeSeen[r] != stamp)
            {
                _routeSeen[r] = stamp;
                ConsiderRoute(u, r, ref bestDelta, ref bestRoute, ref bestPosition);
            }
        }

        foreach (var empty in FindEmptyOfEachType())
        {
            if (empty >= 0)
            {
                Consider(u, empty, 0, ref bestDelta, ref bestRoute, ref bestPosition);
            }
        }

        if (bestRoute < 0)
        {
            // No neighbour is routed and no vehicle is free: look everywhere.
            for (var r = 0; r < _routeCount; r++)
            {
                if (_length[r] > 0)
                {
                    ConsiderRoute(u, r, ref bestDelta, ref bestRoute, ref bestPosition);
                }
            }
        }

        if (bestRoute < 0 || bestDelta >= _problem.UnservedPenalty[u])
        {
            return;
        }

        InsertionMove(u, bestRoute, bestPosition);
        Apply(-1, bestRoute);
    }

    private void ConsiderRoute(int u, int r, ref double bestDelta, ref int bestRoute, ref int bestPosition)
    {
        for (var after = 0; after <= _length[r]; after++)
        {
            if (_random.NextDouble() >= BlinkRate)
            {
                Consider(u, r, after, ref bestDelta, ref bestRoute, ref bestPosition);
            }
        }
    }
}
