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
        var lenU = _length[ru];
        var lenV = _length[rv];
        var xIsClient = i < lenU;
        var yIsClient = j < lenV;

        // Relocate U after V.
        BeginMove();
        A(ru, 0, i - 1);
        A(ru, i + 1, lenU + 1);
        B(rv, 0, j);
        _b[_bCount++] = new Piece(ru, i, i, false);
        B(rv, j + 1, lenV + 1);
        if (Try(ru, rv))
        {
            return true;
        }

        if (xIsClient)
        {
            // Relocate U,X after V, as is and reversed.
            for (var reverse = 0; reverse < 2; reverse++)
            {
                BeginMove();
                A(ru, 0, i - 1);
                A(ru, i + 2, lenU + 1);
                B(rv, 0, j);
                _b[_bCount++] = new Piece(ru, i, i + 1, reverse == 1);
                B(rv, j + 1, lenV + 1);
                if (Try(ru, rv))
                {
                    return true;
                }
            }
        }

        if (j >= 1)
        {
            // Swap U and V.
            BeginMove();
            A(ru, 0, i - 1);
            _a[_aCount++] = new Piece(rv, j, j, false);
            A(ru, i + 1, lenU + 1);
            B(rv, 0, j - 1);
            _b[_bCount++] = new Piece(ru, i, i, false);
            B(rv, j + 1, lenV + 1);
            if (Try(ru, rv))
            {
                return true;
            }

            if (xIsClient)
            {
                // Swap U,X with V.
                BeginMove();
                A(ru, 0, i - 1);
                _a[_aCount++] = new Piece(rv, j, j, false);
                A(ru, i + 2, lenU + 1);
                B(rv, 0, j - 1);
                _b[_bCount++] = new Piece(ru, i, i + 1, false);
                B(rv, j + 1, lenV + 1);
                if (Try(ru, rv))
                {
                    return true;
                }

                if (yIsClient)
                {
                    // Swap U,X with V,Y.
                    BeginMove();
                    A(ru, 0, i - 1);
                    _a[_aCount++] = new Piece(rv, j, j + 1, false);
                    A(ru, i + 2, lenU + 1);
                    B(rv, 0, j - 1);
                    _b[_bCount++] = new Piece(ru, i, i + 1, false);
                    B(rv, j + 2, lenV + 1);
                    if (Try(ru, rv))
                    {
                        return true;
                    }
                }
            }
        }

        // 2-opt*: exchange the tails after U and after V.
        BeginMove();
        A(ru, 0, i);
        _a[_aCount++] = new Piece(rv, j + 1, lenV + 1, false);
        B(rv, 0, j);
        _b[_bCount++] = new Piece(ru, i + 1, lenU + 1, false);
        if (Try(ru, rv))
        {
            return true;
        }

        if (!_problem.HasTimeWindows)
        {
            // 2-opt* crossing variant: U is followed by V's head reversed, V's tail is preceded by U's tail reversed.
            BeginMove();
            A(ru, 0, i);
            A(rv, 1, j, reverse: true);
            A(ru, lenU + 1, lenU + 1);
            B(rv, 0, 0);
            B(ru, i + 1, lenU, reverse: true);
            B(rv, j + 1, lenV + 1);
            if (Try(ru, rv))
            {
                return true;
            }
        }

        return false;
    }

    private bool TryIntra(int r, int i, int j)
    {
        var len = _length[r];
        var end = len + 1;
        if (j != i && j != i - 1)
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

            if (Try(r, -1))
            {
                return true;
            }
        }

        var xIsClient = i < len;
        if (xIsClient && (j < i - 1 || j > i + 1))
        {
            for (var reverse = 0; reverse < 2; reverse++)
            {
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

                if (Try(r, -1))
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
            BeginMove();
            A(r, 0, a - 1);
            A(r, b, b);
            A(r, a + 1, b - 1);
            A(r, a, a);
            A(r, b + 1, end);
            if (Try(r, -1))
            {
                return true;
            }
        }

        if (j > i + 1)
        {
            // 2-opt: reverse the stretch from U's successor to V.
            BeginMove();
            A(r, 0, i);
            A(r, i + 1, j, reverse: true);
            A(r, j + 1, end);
            if (Try(r, -1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Moves U (and U,X) into an empty vehicle of each type, so the fleet mix can change.</summary>
    private bool TryEmptyRoutes(int u)
    {
        Array.Fill(_emptyOfType, -1);
        for (var r = 0; r < _routeCount; r++)
        {
            if (_length[r] == 0 && _emptyOfType[_space.SlotType[r]] < 0)
            {
                _emptyOfType[_space.SlotType[r]] = r;
            }
        }

        foreach (var empty in _emptyOfType)
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
