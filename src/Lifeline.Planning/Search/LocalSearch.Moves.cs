namespace Lifeline.Planning.Search;

/// <summary>The classic HGS moves: relocations of one or two stops, swaps, 2-opt and 2-opt*, plus dropping and adding optional stops.</summary>
internal sealed partial class LocalSearch
{
    /// <summary>Tries the moves between stop U and position <paramref name="j"/> of route <paramref name="rv"/> (0 = its depot).</summary>
    private bool TryPair(int u, int rv, int j)
    {
        var ru = _routeOf[u];
        var i = _positionOf[u];
        return ru == rv ? TryIntra(ru, i, j) : TryInter(ru, i, rv, j);
    }

    private bool TryInter(int ru, int i, int rv, int j)
    {
        // Each move is first priced from the arcs it changes and the loads it moves (O(1), no pieces); only the
        // few that pass are built as pieces and, with time windows, evaluated exactly.
        var lenU = _length[ru];
        var lenV = _length[rv];
        var visitsU = _visits[ru];
        var visitsV = _visits[rv];
        var (pu, u, x) = (visitsU[i - 1], visitsU[i], visitsU[i + 1]);
        var (v, y) = (visitsV[j], visitsV[j + 1]);
        var xIsClient = i < lenU;
        var yIsClient = j < lenV;
        var (distU, distV) = (_routeDistance[ru], _routeDistance[rv]);
        var (loadU, loadV) = (_routeLoad[ru], _routeLoad[rv]);
        var (volumeU, volumeV) = (_routeVolume[ru], _routeVolume[rv]);
        var (loadOfU, volumeOfU) = (_demand[u], _volumeOf[u]);
        var arcPuU = Dist(pu, u);
        var arcUX = Dist(u, x);
        var arcVY = Dist(v, y);

        // Relocate U after V.
        if (Gain(ru, distU + Dist(pu, x) - arcPuU - arcUX, loadU - loadOfU, volumeU - volumeOfU, lenU - 1)
            + Gain(rv, distV - arcVY + Dist(v, u) + Dist(u, y), loadV + loadOfU, volumeV + volumeOfU, lenV + 1) < -Epsilon)
        {
            BeginMove();
            A(ru, 0, i - 1);
            A(ru, i + 1, lenU + 1);
            B(rv, 0, j);
            _b[_bCount++] = new Piece(ru, i, i, false);
            B(rv, j + 1, lenV + 1);
            if (Confirm(ru, rv))
            {
                return true;
            }
        }

        var x2 = xIsClient ? visitsU[i + 2] : -1;
        var (loadOfX, volumeOfX) = (_demand[x], _volumeOf[x]);
        var arcXX2 = xIsClient ? Dist(x, x2) : 0;
        if (xIsClient)
        {
            // Relocate U,X after V, as is and reversed.
            var gainU = Gain(ru, distU + Dist(pu, x2) - arcPuU - arcUX - arcXX2, loadU - loadOfU - loadOfX, volumeU - volumeOfU - volumeOfX, lenU - 2);
            for (var reverse = 0; reverse < 2; reverse++)
            {
                var added = reverse == 0 ? Dist(v, u) + arcUX + Dist(x, y) : Dist(v, x) + Dist(x, u) + Dist(u, y);
                if (gainU + Gain(rv, distV - arcVY + added, loadV + loadOfU + loadOfX, volumeV + volumeOfU + volumeOfX, lenV + 2) >= -Epsilon)
                {
                    continue;
                }

                BeginMove();
                A(ru, 0, i - 1);
                A(ru, i + 2, lenU + 1);
                B(rv, 0, j);
                _b[_bCount++] = new Piece(ru, i, i + 1, reverse == 1);
                B(rv, j + 1, lenV + 1);
                if (Confirm(ru, rv))
                {
                    return true;
                }
            }
        }

        if (j >= 1)
        {
            var pv = visitsV[j - 1];
            var (loadOfV, volumeOfV) = (_demand[v], _volumeOf[v]);
            var arcPvV = Dist(pv, v);

            // Swap U and V.
            if (Gain(ru, distU - arcPuU - arcUX + Dist(pu, v) + Dist(v, x), loadU - loadOfU + loadOfV, volumeU - volumeOfU + volumeOfV, lenU)
                + Gain(rv, distV - arcPvV - arcVY + Dist(pv, u) + Dist(u, y), loadV - loadOfV + loadOfU, volumeV - volumeOfV + volumeOfU, lenV) < -Epsilon)
            {
                BeginMove();
                A(ru, 0, i - 1);
                _a[_aCount++] = new Piece(rv, j, j, false);
                A(ru, i + 1, lenU + 1);
                B(rv, 0, j - 1);
                _b[_bCount++] = new Piece(ru, i, i, false);
                B(rv, j + 1, lenV + 1);
                if (Confirm(ru, rv))
                {
                    return true;
                }
            }

            if (xIsClient)
            {
                // Swap U,X with V.
                var pair = loadOfU + loadOfX;
                var pairVolume = volumeOfU + volumeOfX;
                if (Gain(ru, distU - arcPuU - arcUX - arcXX2 + Dist(pu, v) + Dist(v, x2), loadU - pair + loadOfV, volumeU - pairVolume + volumeOfV, lenU - 1)
                    + Gain(rv, distV - arcPvV - arcVY + Dist(pv, u) + arcUX + Dist(x, y), loadV - loadOfV + pair, volumeV - volumeOfV + pairVolume, lenV + 1) < -Epsilon)
                {
                    BeginMove();
                    A(ru, 0, i - 1);
                    _a[_aCount++] = new Piece(rv, j, j, false);
                    A(ru, i + 2, lenU + 1);
                    B(rv, 0, j - 1);
                    _b[_bCount++] = new Piece(ru, i, i + 1, false);
                    B(rv, j + 1, lenV + 1);
                    if (Confirm(ru, rv))
                    {
                        return true;
                    }
                }

                if (yIsClient)
                {
                    // Swap U,X with V,Y.
                    var y2 = visitsV[j + 2];
                    var arcYY2 = Dist(y, y2);
                    var otherPair = loadOfV + _demand[y];
                    var otherPairVolume = volumeOfV + _volumeOf[y];
                    if (Gain(ru, distU - arcPuU - arcUX - arcXX2 + Dist(pu, v) + arcVY + Dist(y, x2), loadU - pair + otherPair, volumeU - pairVolume + otherPairVolume, lenU)
                        + Gain(rv, distV - arcPvV - arcVY - arcYY2 + Dist(pv, u) + arcUX + Dist(x, y2), loadV - otherPair + pair, volumeV - otherPairVolume + pairVolume, lenV) < -Epsilon)
                    {
                        BeginMove();
                        A(ru, 0, i - 1);
                        _a[_aCount++] = new Piece(rv, j, j + 1, false);
                        A(ru, i + 2, lenU + 1);
                        B(rv, 0, j - 1);
                        _b[_bCount++] = new Piece(ru, i, i + 1, false);
                        B(rv, j + 2, lenV + 1);
                        if (Confirm(ru, rv))
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return TryTailExchanges(ru, i, rv, j);
    }

    /// <summary>2-opt*: U keeps its head and takes V's tail, and the other way round (also crossed, without time windows).</summary>
    private bool TryTailExchanges(int ru, int i, int rv, int j)
    {
        var lenU = _length[ru];
        var lenV = _length[rv];
        var sameDepot = _depot[ru] == _depot[rv];
        var prefixU = _prefix[ru];
        var prefixV = _prefix[rv];
        var (u, x) = (_visits[ru][i], _visits[ru][i + 1]);
        var (v, y) = (_visits[rv][j], _visits[rv][j + 1]);
        var (distU, distV) = (_routeDistance[ru], _routeDistance[rv]);
        var totalLoad = _routeLoad[ru] + _routeLoad[rv];
        var totalVolume = _routeVolume[ru] + _routeVolume[rv];

        var loadA = prefixU[i].Load + _routeLoad[rv] - prefixV[j].Load;
        var volumeA = prefixU[i].Volume + _routeVolume[rv] - prefixV[j].Volume;
        var priced = sameDepot
            && Gain(ru, prefixU[i].Distance + Dist(u, y) + distV - prefixV[j + 1].Distance, loadA, volumeA, i + lenV - j)
                + Gain(rv, prefixV[j].Distance + Dist(v, x) + distU - prefixU[i + 1].Distance, totalLoad - loadA, totalVolume - volumeA, j + lenU - i) < -Epsilon;
        if (priced || !sameDepot)
        {
            BeginMove();
            A(ru, 0, i);
            _a[_aCount++] = new Piece(rv, j + 1, lenV + 1, false);
            B(rv, 0, j);
            _b[_bCount++] = new Piece(ru, i + 1, lenU + 1, false);
            if (priced ? Confirm(ru, rv) : Try(ru, rv))
            {
                return true;
            }
        }

        if (_problem.HasTimeWindows)
        {
            return false;
        }

        // Crossing variant: U is followed by V's head reversed, V's tail is preceded by U's tail reversed.
        var fast = sameDepot && _space.IsSymmetric;
        if (fast)
        {
            var depot = _depot[ru];
            var distA = j == 0
                ? prefixU[i].Distance + Dist(u, depot)
                : prefixU[i].Distance + Dist(u, v) + prefixV[j].Distance - prefixV[1].Distance + Dist(_visits[rv][1], depot);
            var distB = i == lenU
                ? Dist(depot, y) + distV - prefixV[j + 1].Distance
                : Dist(depot, _visits[ru][lenU]) + prefixU[lenU].Distance - prefixU[i + 1].Distance + Dist(x, y) + distV - prefixV[j + 1].Distance;
            var crossLoad = prefixU[i].Load + prefixV[j].Load - prefixV[0].Load;
            var crossVolume = prefixU[i].Volume + prefixV[j].Volume - prefixV[0].Volume;
            if (Gain(ru, distA, crossLoad, crossVolume, i + j) + Gain(rv, distB, totalLoad - crossLoad, totalVolume - crossVolume, lenU - i + lenV - j) >= -Epsilon)
            {
                return false;
            }
        }

        BeginMove();
        A(ru, 0, i);
        A(rv, 1, j, reverse: true);
        A(ru, lenU + 1, lenU + 1);
        B(rv, 0, 0);
        B(ru, i + 1, lenU, reverse: true);
        B(rv, j + 1, lenV + 1);
        return fast ? Confirm(ru, rv) : Try(ru, rv);
    }

    private bool TryIntra(int r, int i, int j)
    {
        var len = _length[r];
        var end = len + 1;
        var visits = _visits[r];
        var (pu, u, x) = (visits[i - 1], visits[i], visits[i + 1]);
        var (v, y) = (visits[j], visits[j + 1]);
        var arcPuU = Dist(pu, u);
        var arcUX = Dist(u, x);
        var arcVY = Dist(v, y);
        if (j != i && j != i - 1 && Improves(r, Dist(pu, x) - arcPuU - arcUX + Dist(v, u) + Dist(u, y) - arcVY))
        {
            // Relocate U after V.
            BeginMove();
            if (j < i)
            {
                A(r, 0, j);
                A(r, i, i);
                A(r, j + 1, i - 1);
                A(r, i + 1, end);
            }
            else
            {
                A(r, 0, i - 1);
                A(r, i + 1, j);
                A(r, i, i);
                A(r, j + 1, end);
            }

            if (Confirm(r, -1))
            {
                return true;
            }
        }

        var xIsClient = i < len;
        if (xIsClient && (j < i - 1 || j > i + 1))
        {
            var x2 = visits[i + 2];
            var removed = Dist(pu, x2) - arcPuU - arcUX - Dist(x, x2) - arcVY;
            for (var reverse = 0; reverse < 2; reverse++)
            {
                var added = reverse == 0 ? Dist(v, u) + arcUX + Dist(x, y) : Dist(v, x) + Dist(x, u) + Dist(u, y);
                if (!Improves(r, removed + added))
                {
                    continue;
                }

                BeginMove();
                if (j < i)
                {
                    A(r, 0, j);
                    A(r, i, i + 1, reverse == 1);
                    A(r, j + 1, i - 1);
                    A(r, i + 2, end);
                }
                else
                {
                    A(r, 0, i - 1);
                    A(r, i + 2, j);
                    A(r, i, i + 1, reverse == 1);
                    A(r, j + 1, end);
                }

                if (Confirm(r, -1))
                {
                    return true;
                }
            }
        }

        if (j >= 1 && j != i)
        {
            // Swap U and V.
            var a = Math.Min(i, j);
            var b = Math.Max(i, j);
            var (pa, na, sa) = (visits[a - 1], visits[a], visits[a + 1]);
            var (pb, nb, sb) = (visits[b - 1], visits[b], visits[b + 1]);
            var delta = b == a + 1
                ? Dist(pa, nb) + Dist(nb, na) + Dist(na, sb) - Dist(pa, na) - Dist(na, nb) - Dist(nb, sb)
                : Dist(pa, nb) + Dist(nb, sa) + Dist(pb, na) + Dist(na, sb) - Dist(pa, na) - Dist(na, sa) - Dist(pb, nb) - Dist(nb, sb);
            if (Improves(r, delta))
            {
                BeginMove();
                A(r, 0, a - 1);
                A(r, b, b);
                A(r, a + 1, b - 1);
                A(r, a, a);
                A(r, b + 1, end);
                if (Confirm(r, -1))
                {
                    return true;
                }
            }
        }

        if (j > i + 1)
        {
            // 2-opt: reverse the stretch from U's successor to V. Without symmetry the stretch's own length changes.
            var symmetric = _space.IsSymmetric;
            if (symmetric && !Improves(r, Dist(u, v) + Dist(x, y) - arcUX - arcVY))
            {
                return false;
            }

            BeginMove();
            A(r, 0, i);
            A(r, i + 1, j, reverse: true);
            A(r, j + 1, end);
            if (symmetric ? Confirm(r, -1) : Try(r, -1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first empty route of each vehicle type, -1 where every vehicle of that type is in use.</summary>
    private int[] FindEmptyOfEachType()
    {
        Array.Fill(_emptyOfType, -1);
        for (var r = 0; r < _routeCount; r++)
        {
            if (_length[r] == 0 && _emptyOfType[_space.SlotType[r]] < 0)
            {
                _emptyOfType[_space.SlotType[r]] = r;
            }
        }

        return _emptyOfType;
    }

    /// <summary>Moves U (and U,X) into an empty vehicle of each type, so the fleet mix can change.</summary>
    private bool TryEmptyRoutes(int u)
    {
        foreach (var empty in FindEmptyOfEachType())
        {
            if (empty >= 0 && TryInter(_routeOf[u], _positionOf[u], empty, 0))
            {
                return true;
            }
        }

        // Hand U's whole route to a vehicle of another type, e.g. a cheaper one now that it carries less.
        var ru = _routeOf[u];
        foreach (var empty in _emptyOfType)
        {
            if (empty >= 0 && _space.SlotType[empty] != _space.SlotType[ru])
            {
                BeginMove();
                A(ru, 0, 0);
                A(ru, _length[ru] + 1, _length[ru] + 1);
                B(empty, 0, 0);
                _b[_bCount++] = new Piece(ru, 1, _length[ru], false);
                B(empty, 1, 1);
                if (Try(ru, empty))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Drops an optional stop when its penalty is cheaper than serving it.</summary>
    private bool TryRemove(int u)
    {
        if (_problem.IsMandatory(u))
        {
            return false;
        }

        var r = _routeOf[u];
        var i = _positionOf[u];
        BeginMove();
        A(r, 0, i - 1);
        A(r, i + 1, _length[r] + 1);
        if (!Try(r, -1, _problem.UnservedPenalty[u]))
        {
            return false;
        }

        _routeOf[u] = -1;
        return true;
    }

    /// <summary>Serves an unserved optional stop at its best place next to a neighbour or in an empty vehicle.</summary>
    private bool TryInsert(int u)
    {
        var bestDelta = -_problem.UnservedPenalty[u] - Epsilon;
        var bestRoute = -1;
        var bestPosition = -1;
        foreach (var v in _neighbours[u])
        {
            var r = _routeOf[v];
            if (r >= 0)
            {
                Consider(u, r, _positionOf[v], ref bestDelta, ref bestRoute, ref bestPosition);
                Consider(u, r, _positionOf[v] - 1, ref bestDelta, ref bestRoute, ref bestPosition);
            }
        }

        for (var r = 0; r < _routeCount; r++)
        {
            if (_length[r] == 0)
            {
                Consider(u, r, 0, ref bestDelta, ref bestRoute, ref bestPosition);
            }
        }

        if (bestRoute < 0)
        {
            return false;
        }

        InsertionMove(u, bestRoute, bestPosition);
        return Try(-1, bestRoute, -_problem.UnservedPenalty[u]);
    }

    private void Consider(int u, int r, int after, ref double bestDelta, ref int bestRoute, ref int bestPosition)
    {
        InsertionMove(u, r, after);
        var delta = Evaluate(r, _b, _bCount) - _cost[r];
        if (delta < bestDelta)
        {
            bestDelta = delta;
            bestRoute = r;
            bestPosition = after;
        }
    }

    private void InsertionMove(int u, int r, int after)
    {
        BeginMove();
        B(r, 0, after);
        BNode(u);
        B(r, after + 1, _length[r] + 1);
    }
}
