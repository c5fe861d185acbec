namespace Lifeline.Planning.Search;

/// <summary>
/// SWAP* (Vidal 2022): exchange U of one route with V of another, each going to its best position in the other
/// route rather than the one the other left. Candidates are ranked by distance and load (the three cheapest
/// insertion places per stop make this O(|r1|·|r2|)); the chosen exchange is then evaluated exactly.
/// Only route pairs whose polar sectors overlap are tried; a route's sector is measured around its own depot
/// (and, for a pair from two depots, around each of them).
/// </summary>
internal sealed partial class LocalSearch
{
    private const int SectorResolution = 65536;

    private bool TrySwapStars(long[] lastSwapStar)
    {
        if (_polar is null)
        {
            return false;
        }

        var improved = false;
        for (var r1 = 0; r1 < _routeCount; r1++)
        {
            if (_length[r1] == 0)
            {
                continue;
            }

            // A pair (r1, r2 > r1) is only examined here, so r1's stamp is when the pair was last examined: skip
            // it only if neither route changed since. The stamp is taken before the pairs, so a change to r1
            // made by one of them has every pair of r1 examined again on the next pass.
            var lastTest = lastSwapStar[r1];
            lastSwapStar[r1] = _clock;
            for (var r2 = r1 + 1; r2 < _routeCount; r2++)
            {
                if (_length[r2] == 0 || (_modified[r1] <= lastTest && _modified[r2] <= lastTest) || !Overlap(r1, r2))
                {
                    continue;
                }

                if (SwapStar(r1, r2))
                {
                    improved = true;
                }
            }
        }

        return improved;
    }

    private bool SwapStar(int r1, int r2)
    {
        TopInsertions(r1, r2);
        TopInsertions(r2, r1);
        var best = -Epsilon;
        int bestU = -1, bestV = -1, bestPositionU = -1, bestPositionV = -1;
        var visits1 = _visits[r1];
        var visits2 = _visits[r2];
        var load1 = _prefix[r1][_length[r1] + 1].Load;
        var load2 = _prefix[r2][_length[r2] + 1].Load;
        var excess1 = LoadPenalty(load1, r1);
        var excess2 = LoadPenalty(load2, r2);
        var removal2 = _removal;
        for (var j = 1; j <= _length[r2]; j++)
        {
            removal2[j] = RemovalDelta(r2, j);
        }

        for (var i = 1; i <= _length[r1]; i++)
        {
            var u = visits1[i];
            var removeU = RemovalDelta(r1, i);
            for (var j = 1; j <= _length[r2]; j++)
            {
                var v = visits2[j];
                var change = _demand[v] - _demand[u];
                var delta = removeU + removal2[j]
                    + LoadPenalty(load1 + change, r1) - excess1 + LoadPenalty(load2 - change, r2) - excess2;
                if (delta >= best)
                {
                    // Insertions cost at least zero when distances obey the triangle inequality, so this pair
                    // is unlikely to win; the exact evaluation below keeps the move correct either way.
                    continue;
                }

                var (insertU, positionU) = BestInsertion(u, r2, j);
                var (insertV, positionV) = BestInsertion(v, r1, i);
                delta += insertU + insertV;
                if (delta < best)
                {
                    best = delta;
                    (bestU, bestV, bestPositionU, bestPositionV) = (i, j, positionU, positionV);
                }
            }
        }

        if (bestU < 0)
        {
            return false;
        }

        BeginMove();
        ExchangePieces(r1, bestU, r2, bestV, bestPositionV, isA: true);
        ExchangePieces(r2, bestV, r1, bestU, bestPositionU, isA: false);
        return Try(r1, r2);
    }

    /// <summary>
    /// Route <paramref name="r"/> without its stop at <paramref name="removed"/> and with the stop at position
    /// <paramref name="incoming"/> of <paramref name="other"/> placed after position <paramref name="after"/>.
    /// </summary>
    private void ExchangePieces(int r, int removed, int other, int incoming, int after, bool isA)
    {
        var end = _length[r] + 1;
        var piece = new Piece(other, incoming, incoming, false);
        void Add(int from, int to)
        {
            if (isA)
            {
                A(r, from, to);
            }
            else
            {
                B(r, from, to);
            }
        }

        void AddIncoming()
        {
            if (isA)
            {
                _a[_aCount++] = piece;
            }
            else
            {
                _b[_bCount++] = piece;
            }
        }

        if (after == removed - 1 || after == removed)
        {
            Add(0, removed - 1);
            AddIncoming();
            Add(removed + 1, end);
        }
        else if (after < removed)
        {
            Add(0, after);
            AddIncoming();
            Add(after + 1, removed - 1);
            Add(removed + 1, end);
        }
        else
        {
            Add(0, removed - 1);
            Add(removed + 1, after);
            AddIncoming();
            Add(after + 1, end);
        }
    }

    private double LoadPenalty(int load, int r) =>
        load > _capacity[r] ? _penalties.Load * (load - _capacity[r]) : 0;

    /// <summary>Change in distance cost when the stop at position i leaves route r.</summary>
    private double RemovalDelta(int r, int i)
    {
        var visits = _visits[r];
        var (a, u, b) = (visits[i - 1], visits[i], visits[i + 1]);
        return _unitCost[r] * (Dist(a, b) - Dist(a, u) - Dist(u, b));
    }

    /// <summary>
    /// For each stop of route <paramref name="from"/>, the three cheapest places to insert it in route
    /// <paramref name="into"/>, cached per (route, stop) until that route changes.
    /// </summary>
    private void TopInsertions(int from, int into)
    {
        var visits = _visits[into];
        var prefix = _prefix[into];
        var unit = _unitCost[into];
        var length = _length[into];
        var symmetric = _space.IsSymmetric;
        var costs = _topCost;
        var positions = _topPosition;
        for (var i = 1; i <= _length[from]; i++)
        {
            var u = _visits[from][i];
            var cache = (into * _nodeCount) + u;
            if (_topStamp[cache] >= _modified[into])
            {
                // Route "into" has not changed since these places were computed.
                continue;
            }

            _topStamp[cache] = _clock;
            var slot = cache * 3;
            var (c0, c1, c2) = (double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity);
            var (p0, p1, p2) = (-1, -1, -1);
            var row = u * _nodeCount;

            // With symmetric distances the arc u→b of one place is the arc a→u of the next, so one look-up each.
            var toA = symmetric ? _distance[row + visits[0]] : Dist(visits[0], u);
            for (var p = 0; p <= length; p++)
            {
                var b = visits[p + 1];
                var fromU = _distance[row + b];
                var cost = unit * (toA + fromU - (prefix[p + 1].Distance - prefix[p].Distance));
                toA = symmetric ? fromU : Dist(b, u);
                if (cost >= c2)
                {
                    continue;
                }

                if (cost < c1)
                {
                    (c2, p2) = (c1, p1);
                    if (cost < c0)
                    {
                        (c1, p1) = (c0, p0);
                        (c0, p0) = (cost, p);
                    }
                    else
                    {
                        (c1, p1) = (cost, p);
                    }
                }
                else
                {
                    (c2, p2) = (cost, p);
                }
            }

            (costs[slot], costs[slot + 1], costs[slot + 2]) = (c0, c1, c2);
            (positions[slot], positions[slot + 1], positions[slot + 2]) = (p0, p1, p2);
        }
    }

    /// <summary>Cheapest place for stop u in route r once the stop at position j has left it: one of the top three, or j's place.</summary>
    private (double Cost, int After) BestInsertion(int u, int r, int j)
    {
        var visits = _visits[r];
        var (a, b) = (visits[j - 1], visits[j + 1]);
        var bestCost = _unitCost[r] * (Dist(a, u) + Dist(u, b) - Dist(a, b));
        var bestAfter = j - 1;
        var slot = ((r * _nodeCount) + u) * 3;
        for (var k = 0; k < 3; k++)
        {
            var p = _topPosition[slot + k];
            if (p >= 0 && p != j - 1 && p != j && _topCost[slot + k] < bestCost)
            {
                bestCost = _topCost[slot + k];
                bestAfter = p;
                break;
            }
        }

        return (bestCost, bestAfter);
    }

    /// <summary>The smallest arc of angles around each depot that holds every stop of route <paramref name="r"/>.</summary>
    private void UpdateSector(int r)
    {
        if (_polar is null || _length[r] == 0)
        {
            return;
        }

        var visits = _visits[r];
        for (var d = 0; d < _depotCount; d++)
        {
            var angles = d * _nodeCount;
            var start = _polar[angles + visits[1]];
            var end = start;
            for (var p = 2; p <= _length[r]; p++)
            {
                var x = _polar[angles + visits[p]];
                if (Mod(x - start) <= Mod(end - start))
                {
                    continue;
                }

                if (Mod(x - end) <= Mod(start - x))
                {
                    end = x;
                }
                else
                {
                    start = x;
                }
            }

            _sectorStart[(r * _depotCount) + d] = start;
            _sectorEnd[(r * _depotCount) + d] = end;
        }
    }

    /// <summary>
    /// Whether the sectors of two routes overlap around the depot of the first, or of the second when that is
    /// another depot: angles around one depot say nothing about closeness around another.
    /// </summary>
    private bool Overlap(int r1, int r2) =>
        OverlapAround(r1, r2, _depot[r1]) || (_depot[r2] != _depot[r1] && OverlapAround(r1, r2, _depot[r2]));

    private bool OverlapAround(int r1, int r2, int depot)
    {
        var (a, b) = ((r1 * _depotCount) + depot, (r2 * _depotCount) + depot);
        return Mod(_sectorStart[b] - _sectorStart[a]) <= Mod(_sectorEnd[a] - _sectorStart[a])
            || Mod(_sectorStart[a] - _sectorStart[b]) <= Mod(_sectorEnd[b] - _sectorStart[b]);
    }

    private static int Mod(int x) => ((x % SectorResolution) + SectorResolution) % SectorResolution;

    /// <summary>The angle of every node around every depot, in 1/65536 of a turn, or null without coordinates.</summary>
    private static int[]? PolarAngles(RoutingProblem problem)
    {
        if (problem.X is not { } x || problem.Y is not { } y)
        {
            return null;
        }

        var n = problem.NodeCount;
        var angles = new int[problem.DepotCount * n];
        for (var d = 0; d < problem.DepotCount; d++)
        {
            for (var i = 0; i < n; i++)
            {
                var angle = Math.Atan2(y[i] - y[d], x[i] - x[d]);
                angles[(d * n) + i] = Mod((int)(SectorResolution * angle / (2 * Math.PI)));
            }
        }

        return angles;
    }
}
