namespace Lifeline.Planning.Search;

/// <summary>
/// A part of an existing route reused by a move: positions From..To of Route (reversed if asked), or, when
/// Route is negative, the single unrouted node From.
/// </summary>
internal readonly record struct Piece(int Route, int From, int To, bool Reverse);

/// <summary>Move evaluation and application by pieces: a new route is a prefix, some middle pieces and a suffix.</summary>
internal sealed partial class LocalSearch
{
    private void BeginMove()
    {
        _aCount = 0;
        _bCount = 0;
    }

    private void A(int route, int from, int to, bool reverse = false)
    {
        if (from <= to)
        {
            _a[_aCount++] = new Piece(route, from, to, reverse);
        }
    }

    private void B(int route, int from, int to, bool reverse = false)
    {
        if (from <= to)
        {
            _b[_bCount++] = new Piece(route, from, to, reverse);
        }
    }

    private void BNode(int node) => _b[_bCount++] = new Piece(-1, node, node, false);

    /// <summary>
    /// Applies the move if it lowers the penalised cost: route <paramref name="routeA"/> becomes the A pieces and
    /// (when <paramref name="routeB"/> is not negative) route <paramref name="routeB"/> the B pieces.
    /// <paramref name="extra"/> is any change outside the routes, such as an unserved stop's penalty.
    /// </summary>
    private bool Try(int routeA, int routeB, double extra = 0)
    {
        // Distance alone bounds the new routes' costs from below and is O(pieces) to compute, so most
        // non-improving moves are discarded before the full segment evaluation.
        var bound = extra;
        if (routeA >= 0)
        {
            bound += LowerBound(routeA, _a, _aCount) - _cost[routeA];
        }

        if (routeB >= 0)
        {
            // The second route's bound is at least zero, so check before paying for it.
            bound -= _cost[routeB];
            if (bound >= -Epsilon)
            {
                return false;
            }

            bound += LowerBound(routeB, _b, _bCount);
        }

        return bound < -Epsilon && Evaluated(routeA, routeB, extra);
    }

    /// <summary>
    /// Applies a move already priced by <see cref="Gain"/>: without time windows that price is exact, so the move
    /// is applied; with them the new routes are evaluated by segments first.
    /// </summary>
    private bool Confirm(int routeA, int routeB)
    {
        if (_problem.HasTimeWindows)
        {
            return Evaluated(routeA, routeB, 0);
        }

        Apply(routeA, routeB);
        return true;
    }

    /// <summary>Evaluates the new routes exactly by joining segments and applies the move if it improves.</summary>
    private bool Evaluated(int routeA, int routeB, double extra)
    {
        var delta = extra;
        if (routeA >= 0)
        {
            delta += Evaluate(routeA, _a, _aCount) - _cost[routeA];
        }

        if (routeB >= 0)
        {
            // Route costs are never negative, so if the first route's change already outweighs the whole second
            // route, the move cannot improve and the second evaluation is skipped.
            if (delta - _cost[routeB] >= -Epsilon)
            {
                return false;
            }

            delta += Evaluate(routeB, _b, _bCount) - _cost[routeB];
        }

        if (delta >= -Epsilon)
        {
            return false;
        }

        Apply(routeA, routeB);
        return true;
    }

    private void Apply(int routeA, int routeB)
    {
        var countA = routeA >= 0 ? Write(_a, _aCount, _scratchA) : 0;
        var countB = routeB >= 0 ? Write(_b, _bCount, _scratchB) : 0;
        if (routeA >= 0)
        {
            Commit(routeA, _scratchA, countA);
        }

        if (routeB >= 0)
        {
            Commit(routeB, _scratchB, countB);
        }
    }

    /// <summary>
    /// Change in penalised cost if route <paramref name="r"/> had this distance, load, volume and number of stops:
    /// exact without time windows, a lower bound with them (time warp is left out).
    /// </summary>
    private double Gain(int r, double distance, int load, int volume, int clients)
    {
        if (clients == 0)
        {
            return -_cost[r];
        }

        var cost = _fixedCost[r] + (_unitCost[r] * distance);
        if (load > _capacity[r])
        {
            cost += _penalties.Load * (load - _capacity[r]);
        }

        if (volume > _volumeCapacity[r])
        {
            cost += _penalties.Load * (volume - _volumeCapacity[r]);
        }

        if (distance > _maxDistance[r])
        {
            cost += _penalties.Range * (distance - _maxDistance[r]);
        }

        return cost - _cost[r];
    }

    /// <summary>True when changing route <paramref name="r"/>'s distance by <paramref name="delta"/>, stops and loads kept, may pay.</summary>
    private bool Improves(int r, double delta) => Gain(r, _routeDistance[r] + delta, _routeLoad[r], _routeVolume[r], _length[r]) < -Epsilon;

    private double Dist(int from, int to) => _distance[(from * _nodeCount) + to];

    /// <summary>Fixed plus distance cost of the new route, ignoring penalties; 0 when it cannot be had cheaply.</summary>
    private double LowerBound(int target, Piece[] pieces, int count)
    {
        var depot = _depot[target];
        var distance = 0.0;
        var previous = depot;
        var clients = 0;
        for (var k = 0; k < count; k++)
        {
            var piece = pieces[k];
            int first;
            int last;
            if (piece.Route < 0)
            {
                first = last = piece.From;
                clients++;
            }
            else
            {
                var route = piece.Route;
                var visits = _visits[route];
                if (k == 0)
                {
                    if (_depot[route] != depot)
                    {
                        return 0;
                    }

                    distance += _prefix[route][piece.To].Distance;
                    previous = visits[piece.To];
                    clients += piece.To;
                    continue;
                }

                if (k == count - 1)
                {
                    if (_depot[route] != depot)
                    {
                        return 0;
                    }

                    distance += _problem.Dist(previous, visits[piece.From]) + _suffix[route][piece.From].Distance;
                    clients += _length[route] - piece.From + 1;
                    break;
                }

                if (piece.Reverse && !_space.IsSymmetric)
                {
                    return 0;
                }

                distance += _prefix[route][piece.To].Distance - _prefix[route][piece.From].Distance;
                (first, last) = piece.Reverse ? (visits[piece.To], visits[piece.From]) : (visits[piece.From], visits[piece.To]);
                clients += piece.To - piece.From + 1;
            }

            distance += _problem.Dist(previous, first);
            previous = last;
        }

        if (clients == 0)
        {
            return 0;
        }

        var vehicle = _vehicle[target];
        return vehicle.FixedCost + (vehicle.CostPerDistance * distance);
    }

    private double Evaluate(int target, Piece[] pieces, int count)
    {
        var depot = _depot[target];
        var first = pieces[0];
        var segment = PrefixFor(first.Route, first.To, depot);
        var clients = first.To;
        for (var k = 1; k < count - 1; k++)
        {
            var piece = pieces[k];
            if (piece.Route < 0)
            {
                segment = Segment.Join(_problem, segment, _space.VisitSegment(piece.From));
                clients++;
                continue;
            }

            var visits = _visits[piece.Route];
            clients += piece.To - piece.From + 1;
            if (piece.Reverse)
            {
                for (var p = piece.To; p >= piece.From; p--)
                {
                    segment = Segment.Join(_problem, segment, _space.VisitSegment(visits[p]));
                }
            }
            else
            {
                for (var p = piece.From; p <= piece.To; p++)
                {
                    segment = Segment.Join(_problem, segment, _space.VisitSegment(visits[p]));
                }
            }
        }

        var last = pieces[count - 1];
        clients += _length[last.Route] - last.From + 1;
        segment = Segment.Join(_problem, segment, SuffixFor(last.Route, last.From, depot));
        return _penalties.RouteCost(segment, _vehicle[target], clients == 0);
    }

    /// <summary>Positions 0..to of a route, started from <paramref name="depot"/> instead of its own if they differ.</summary>
    private Segment PrefixFor(int route, int to, int depot)
    {
        if (_depot[route] == depot)
        {
            return _prefix[route][to];
        }

        var segment = _space.StartSegment(depot);
        var visits = _visits[route];
        for (var p = 1; p <= to; p++)
        {
            segment = Segment.Join(_problem, segment, _space.VisitSegment(visits[p]));
        }

        return segment;
    }

    /// <summary>Positions from..length+1 of a route, ending at <paramref name="depot"/> instead of its own if they differ.</summary>
    private Segment SuffixFor(int route, int from, int depot)
    {
        if (_depot[route] == depot)
        {
            return _suffix[route][from];
        }

        var segment = _space.EndSegment(depot);
        var visits = _visits[route];
        for (var p = _length[route]; p >= from; p--)
        {
            segment = Segment.Join(_problem, _space.VisitSegment(visits[p]), segment);
        }

        return segment;
    }

    /// <summary>Writes the stops of the new route (depots excluded) into <paramref name="buffer"/>.</summary>
    private int Write(Piece[] pieces, int count, int[] buffer)
    {
        var n = 0;
        for (var k = 0; k < count; k++)
        {
            var piece = pieces[k];
            if (piece.Route < 0)
            {
                buffer[n++] = piece.From;
                continue;
            }

            var visits = _visits[piece.Route];
            var from = Math.Max(piece.From, 1);
            var to = Math.Min(piece.To, _length[piece.Route]);
            if (piece.Reverse)
            {
                for (var p = to; p >= from; p--)
                {
                    buffer[n++] = visits[p];
                }
            }
            else
            {
                for (var p = from; p <= to; p++)
                {
                    buffer[n++] = visits[p];
                }
            }
        }

        return n;
    }
}
