namespace Lifeline.Planning.Search;

/// <summary>
/// Improves one solution until no move in the granular neighbourhood helps. Routes are arrays of positions
/// (0 and length+1 are the depot) with prefix and suffix segments, so any move that cuts routes into a few
/// pieces and glues them back is evaluated by joining segments, without allocating.
/// </summary>
internal sealed partial class LocalSearch
{
    private const double Epsilon = 1e-7;
    private readonly SearchSpace _space;
    private readonly RoutingProblem _problem;
    private readonly Random _random;
    private readonly int _routeCount;
    private readonly int[][] _visits;
    private readonly Segment[][] _prefix;
    private readonly Segment[][] _suffix;
    private readonly int[] _length;
    private readonly int[] _depot;
    private readonly VehicleType[] _vehicle;
    private readonly double[] _cost;
    private readonly int[] _routeOf;
    private readonly int[] _positionOf;
    private readonly long[] _modified;
    private readonly long[] _lastTested;
    private readonly int[] _order;
    private readonly int[][] _neighbours;
    private readonly Piece[] _a = new Piece[6];
    private readonly Piece[] _b = new Piece[6];
    private readonly int[] _scratchA;
    private readonly int[] _scratchB;
    private readonly int[] _emptyOfType;
    private readonly int[]? _polar;
    private readonly int[] _sectorStart;
    private readonly int[] _sectorEnd;
    private readonly long[] _lastSwapStar;
    private readonly double[] _topCost;
    private readonly int[] _topPosition;
    private readonly long[] _topStamp;
    private readonly Neighbourhoods _neighbourhoods;
    private readonly int _depotCount;
    private readonly double[] _removal;
    private readonly double[] _distance;
    private readonly int _nodeCount;
    private readonly int[] _demand;
    private readonly int[] _volumeOf;
    private readonly double[] _routeDistance;
    private readonly int[] _routeLoad;
    private readonly int[] _routeVolume;
    private readonly double[] _fixedCost;
    private readonly double[] _unitCost;
    private readonly int[] _capacity;
    private readonly int[] _volumeCapacity;
    private readonly double[] _maxDistance;
    private int _aCount;
    private int _bCount;
    private long _clock;
    private Penalties _penalties = new();

    public LocalSearch(SearchSpace space, Random random, Neighbourhoods neighbourhoods = Neighbourhoods.All)
    {
        _neighbourhoods = neighbourhoods;
        _space = space;
        _problem = space.Problem;
        _random = random;
        _routeCount = space.SlotType.Length;
        _visits = new int[_routeCount][];
        _prefix = new Segment[_routeCount][];
        _suffix = new Segment[_routeCount][];
        _length = new int[_routeCount];
        _depot = new int[_routeCount];
        _vehicle = new VehicleType[_routeCount];
        _cost = new double[_routeCount];
        _modified = new long[_routeCount];
        _routeDistance = new double[_routeCount];
        _routeLoad = new int[_routeCount];
        _routeVolume = new int[_routeCount];
        _fixedCost = new double[_routeCount];
        _unitCost = new double[_routeCount];
        _capacity = new int[_routeCount];
        _volumeCapacity = new int[_routeCount];
        _maxDistance = new double[_routeCount];
        _distance = _problem.Distance;
        _nodeCount = _problem.NodeCount;
        _demand = _problem.Demand;
        _volumeOf = _problem.Volume;
        for (var r = 0; r < _routeCount; r++)
        {
            _vehicle[r] = _problem.Fleet[space.SlotType[r]];
            _depot[r] = _vehicle[r].Depot;
            _fixedCost[r] = _vehicle[r].FixedCost;
            _unitCost[r] = _vehicle[r].CostPerDistance;
            _capacity[r] = _vehicle[r].Capacity;
            _volumeCapacity[r] = _vehicle[r].VolumeCapacity;
            _maxDistance[r] = _vehicle[r].MaxDistance;
            _visits[r] = new int[16];
            _prefix[r] = new Segment[16];
            _suffix[r] = new Segment[16];
        }

        var nodes = _problem.NodeCount;
        _routeOf = new int[nodes];
        _positionOf = new int[nodes];
        _lastTested = new long[nodes];
        _order = Enumerable.Range(_problem.DepotCount, _problem.ClientCount).ToArray();
        _neighbours = space.Neighbours.Select(n => (int[])n.Clone()).ToArray();
        _scratchA = new int[nodes + 2];
        _scratchB = new int[nodes + 2];
        _emptyOfType = new int[_problem.Fleet.Count];
        _removed = new int[nodes];
        _routeSeen = new int[_routeCount];
        _depotDistance = NearestDepotDistances(_problem);
        _byDemandDescending = (a, b) => _demand[b].CompareTo(_demand[a]);
        _byDepotDistanceDescending = (a, b) => _depotDistance[b].CompareTo(_depotDistance[a]);
        _byDepotDistanceAscending = (a, b) => _depotDistance[a].CompareTo(_depotDistance[b]);
        _polar = PolarAngles(_problem);
        _depotCount = _problem.DepotCount;
        _sectorStart = new int[_routeCount * _depotCount];
        _sectorEnd = new int[_routeCount * _depotCount];
        _removal = new double[nodes + 2];
        _lastSwapStar = new long[_routeCount];
        var cacheSize = _polar is null ? 0 : _routeCount * nodes;
        _topCost = new double[cacheSize * 3];
        _topPosition = new int[cacheSize * 3];
        _topStamp = new long[cacheSize];
    }

    /// <summary>Loads <paramref name="individual"/>, improves it under <paramref name="penalties"/> and returns the result.</summary>
    public Individual Improve(Individual individual, Penalties penalties)
    {
        _penalties = penalties;
        Load(individual);
        Run(incremental: false);
        return Export();
    }

    /// <summary>
    /// Improves a solution that was already locally optimal under lower prices: only routes that violate a
    /// constraint are searched again. A move between two routes that both satisfy every constraint and did not
    /// pay before cannot pay at higher prices (their violations can only grow), so nothing is missed.
    /// </summary>
    public Individual Repair(Individual individual, Penalties penalties)
    {
        _penalties = penalties;
        Load(individual);
        MarkAllTested();
        for (var r = 0; r < _routeCount; r++)
        {
            if (_length[r] > 0 && _cost[r] > _fixedCost[r] + (_unitCost[r] * _routeDistance[r]) + Epsilon)
            {
                _modified[r] = ++_clock;
            }
        }

        Run(incremental: true);
        return Export();
    }

    /// <summary>Treats every route as searched: from here on only routes changed later are looked at again.</summary>
    private void MarkAllTested()
    {
        Array.Fill(_lastTested, _clock);
        Array.Fill(_lastSwapStar, _clock);
    }

    private void Load(Individual individual)
    {
        // The clock only moves forward, so every route committed here is newer than any stamp left from an
        // earlier solution: the test stamps and SWAP* caches need no clearing (the cache alone is routes × nodes).
        Array.Fill(_routeOf, -1);
        for (var r = 0; r < _routeCount; r++)
        {
            var route = individual.Routes[r];
            route.CopyTo(_scratchA, 0);
            Commit(r, _scratchA, route.Length);
        }
    }

    private Individual Export()
    {
        var routes = new int[_routeCount][];
        for (var r = 0; r < _routeCount; r++)
        {
            routes[r] = _visits[r].AsSpan(1, _length[r]).ToArray();
        }

        var unserved = new List<int>();
        for (var node = _problem.DepotCount; node < _problem.NodeCount; node++)
        {
            if (_routeOf[node] < 0)
            {
                unserved.Add(node);
            }
        }

        return new Individual(_space, routes, unserved.ToArray());
    }

    /// <summary>
    /// Runs the moves until none pays. <paramref name="incremental"/>: only pairs involving a route changed since
    /// its stops were last marked tested are looked at, from the first pass on.
    /// </summary>
    private void Run(bool incremental)
    {
        _random.Shuffle(_order);
        if (!incremental)
        {
            // Varying the order of neighbours diversifies where a search from scratch ends; a search of a few
            // changed routes gets its variety from what was changed.
            foreach (var list in _neighbours)
            {
                _random.Shuffle(list);
            }
        }

        var order = (_neighbourhoods & Neighbourhoods.Classic) != 0 ? _order : [];
        var improved = true;
        for (var loop = 0; improved; loop++)
        {
            improved = false;
            foreach (var u in order)
            {
                if (_routeOf[u] < 0)
                {
                    improved |= TryInsert(u);
                    continue;
                }

                if (TryRemove(u))
                {
                    improved = true;
                    continue;
                }

                var lastTest = _lastTested[u];
                _lastTested[u] = _clock;
                foreach (var v in _neighbours[u])
                {
                    var routeV = _routeOf[v];
                    if (routeV < 0)
                    {
                        continue;
                    }

                    if ((loop > 0 || incremental) && _modified[_routeOf[u]] <= lastTest && _modified[routeV] <= lastTest)
                    {
                        continue;
                    }

                    if (TryPair(u, routeV, _positionOf[v]))
                    {
                        improved = true;
                    }
                    else if (_positionOf[v] == 1 && TryPair(u, routeV, 0))
                    {
                        // V opens its route: also try putting U's material right after the depot.
                        improved = true;
                    }
                }

                if ((loop == 0 && !incremental) || _modified[_routeOf[u]] > lastTest)
                {
                    improved |= TryEmptyRoutes(u);
                }
            }

            if ((_neighbourhoods & Neighbourhoods.SwapStar) != 0)
            {
                improved |= TrySwapStars(_lastSwapStar);
            }
        }
    }

    private void Commit(int r, int[] clients, int count)
    {
        if (_visits[r].Length < count + 2)
        {
            var size = Math.Max(count + 2, _visits[r].Length * 2);
            _visits[r] = new int[size];
            _prefix[r] = new Segment[size];
            _suffix[r] = new Segment[size];
        }

        var visits = _visits[r];
        var prefix = _prefix[r];
        var suffix = _suffix[r];
        var depot = _depot[r];
        visits[0] = depot;
        visits[count + 1] = depot;
        Array.Copy(clients, 0, visits, 1, count);
        _length[r] = count;
        prefix[0] = _space.StartSegment(depot);
        for (var p = 1; p <= count; p++)
        {
            var node = visits[p];
            _routeOf[node] = r;
            _positionOf[node] = p;
            prefix[p] = Segment.Join(_problem, prefix[p - 1], _space.VisitSegment(node));
        }

        var end = _space.EndSegment(depot);
        prefix[count + 1] = Segment.Join(_problem, prefix[count], end);
        suffix[count + 1] = end;
        for (var p = count; p >= 1; p--)
        {
            suffix[p] = Segment.Join(_problem, _space.VisitSegment(visits[p]), suffix[p + 1]);
        }

        suffix[0] = Segment.Join(_problem, _space.StartSegment(depot), suffix[1]);
        var route = prefix[count + 1];
        _cost[r] = _penalties.RouteCost(route, _vehicle[r], count == 0);
        _routeDistance[r] = route.Distance;
        _routeLoad[r] = route.Load;
        _routeVolume[r] = route.Volume;
        UpdateSector(r);
        _modified[r] = ++_clock;
    }
}

/// <summary>Which moves the local search tries; the search uses all of them, tests isolate one family.</summary>
[Flags]
internal enum Neighbourhoods
{
    /// <summary>Relocations, swaps, 2-opt, 2-opt*, empty vehicles, optional stops.</summary>
    Classic = 1,

    /// <summary>SWAP* between routes with overlapping sectors.</summary>
    SwapStar = 2,

    All = Classic | SwapStar,
}
