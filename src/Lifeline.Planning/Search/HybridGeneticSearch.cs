namespace Lifeline.Planning.Search;

/// <summary>
/// Hybrid genetic search (Vidal 2012, 2022): OX crossover of giant tours, split into routes, local search,
/// and a population managed for both quality and diversity, with adaptive penalties for infeasibility.
/// Most offspring are instead a member ruined and recreated in a small area (see
/// <see cref="SearchOptions.RuinRecreateShare"/>). Single-threaded and deterministic for a given seed when
/// bounded by iterations.
/// </summary>
public sealed class HybridGeneticSearch
{
    private const int PenaltyWindow = 25;
    private readonly RoutingProblem _problem;
    private readonly SearchOptions _options;
    private readonly Random _random;
    private readonly SearchSpace _space;
    private readonly LocalSearch _localSearch;
    private readonly Split _split;
    private readonly OrderCrossover _crossover;
    private readonly Population _population;
    private readonly Penalties _penalties;
    private readonly bool[] _loadFeasible = new bool[PenaltyWindow];
    private readonly bool[] _timeFeasible = new bool[PenaltyWindow];
    private readonly bool[] _rangeFeasible = new bool[PenaltyWindow];
    private int _observed;
    private Individual? _best;
    private Individual? _bestInfeasible;
    private long _iteration;
    private int _restarts;
    private long _start;
    private TimeSpan _timeToBest;
    private IProgress<SearchProgress>? _progress;

    private HybridGeneticSearch(RoutingProblem problem, SearchOptions options)
    {
        _problem = problem;
        _options = options;
        _random = new Random(options.Seed);
        _space = new SearchSpace(problem, options.Granularity);
        _localSearch = new LocalSearch(_space, _random);
        _split = new Split(_space);
        _crossover = new OrderCrossover(problem.NodeCount);
        _population = new Population(options, _random);
        _penalties = new Penalties { Load = _space.InitialLoadPenalty };
    }

    public static SearchResult Solve(
        RoutingProblem problem,
        SearchOptions options,
        IProgress<SearchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        return new HybridGeneticSearch(problem, options).Run(progress, cancellationToken);
    }

    private SearchResult Run(IProgress<SearchProgress>? progress, CancellationToken cancellationToken)
    {
        _progress = progress;
        _start = _options.Clock.GetTimestamp();
        // Iteration stamps: when the current population was built and when it last found a better plan.
        var populationStart = 0L;
        var lastImprovement = 0L;
        var needsPopulation = true;
        while (!ShouldStop(cancellationToken))
        {
            if (needsPopulation)
            {
                InitialPopulation(cancellationToken);
                populationStart = lastImprovement = _iteration;
                needsPopulation = false;
                continue;
            }

            var improved = _random.NextDouble() < _options.RuinRecreateShare
                ? Consider(_localSearch.RuinAndRecreate(_population.Select(), _penalties), observe: false)
                : Consider(Educate(_crossover.Apply(_population.Select().GiantTour, _population.Select().GiantTour, _random)), observe: true);
            _iteration++;
            if (improved)
            {
                lastImprovement = _iteration;
            }

            if (ShouldRestart(_iteration - lastImprovement, lastImprovement - populationStart, _options.IterationsWithoutImprovement))
            {
                _population.Clear();
                _restarts++;
                needsPopulation = true;
            }
        }

        var result = _best ?? _bestInfeasible;
        var elapsed = _options.Clock.GetElapsedTime(_start);
        if (result is null)
        {
            // Stopped before even one solution was built: return every stop unserved.
            var empty = new Plan([], Enumerable.Range(_problem.DepotCount, _problem.ClientCount).ToArray());
            return new SearchResult(empty, Plan.CostOf(_problem, empty), _problem.ClientCount == 0, _iteration, elapsed, TimeSpan.Zero, _restarts);
        }

        return new SearchResult(result.ToPlan(_space), result.Cost, result.IsFeasible, _iteration, elapsed, _timeToBest, _restarts);
    }

    /// <summary>
    /// Restart when the population has gone <paramref name="threshold"/> offspring without a better plan, and at
    /// least as many as it took to find its last one (<paramref name="toBest"/>, counted from its start). The
    /// first rule is HGS-CVRP's; the second keeps a population that is still converging. On X-n936 ruin-and-
    /// recreate offspring come at about 450 a second; with the first rule alone the standard run restarted every
    /// 45 s once progress slowed, threw away a population that had taken minutes to build, and found its best
    /// plan at 440 s of 2244 s (1.34% above the best known).
    /// </summary>
    internal static bool ShouldRestart(long sinceImprovement, long toBest, int threshold) =>
        sinceImprovement >= Math.Max(threshold, toBest);

    private void InitialPopulation(CancellationToken cancellationToken)
    {
        var tour = Enumerable.Range(_problem.DepotCount, _problem.ClientCount).ToArray();
        var sweep = SweepOrder();
        for (var k = 0; k < _options.InitialPopulationSize && !ShouldStop(cancellationToken); k++)
        {
            if (sweep is not null && k % 4 == 0)
            {
                // A quarter of the starts sweep around the depot from a random angle: on large instances local
                // search converges far sooner from sectors than from random tours, so a time-limited run gets
                // going faster; the random starts keep the population diverse.
                var offset = _random.Next(sweep.Length);
                for (var m = 0; m < sweep.Length; m++)
                {
                    tour[m] = sweep[(m + offset) % sweep.Length];
                }
            }
            else
            {
                _random.Shuffle(tour);
            }

            Consider(Educate(tour), observe: true);
            _iteration++;
        }
    }

    /// <summary>Stops ordered by polar angle around the first depot, or null without coordinates.</summary>
    private int[]? SweepOrder()
    {
        if (_problem.X is not { } x || _problem.Y is not { } y)
        {
            return null;
        }

        return Enumerable.Range(_problem.DepotCount, _problem.ClientCount)
            .OrderBy(i => Math.Atan2(y[i] - y[0], x[i] - x[0]))
            .ThenBy(i => i)
            .ToArray();
    }

    /// <summary>A giant tour (a crossover's or an initial one) split into routes and improved by local search.</summary>
    private Individual Educate(int[] tour) => _localSearch.Improve(_split.Apply(tour, _penalties), _penalties);

    /// <summary>
    /// Adds an improved solution (and, half the time, its repaired version) and tracks the best. Penalty prices
    /// follow only the solutions that local search built from scratch (<paramref name="observe"/>): a ruined and
    /// recreated solution keeps most of its parent, so it says little about whether the prices are right.
    /// </summary>
    private bool Consider(Individual educated, bool observe)
    {
        if (observe)
        {
            Observe(educated);
        }

        _population.Add(educated, _penalties);
        var improved = Track(educated);
        if (!educated.IsFeasible && _random.Next(2) == 0)
        {
            var repaired = _localSearch.Repair(educated, _penalties.Scaled(10));
            if (!repaired.IsFeasible)
            {
                // Penalties may still be cheap next to the priorities of optional stops; insist much harder.
                repaired = _localSearch.Repair(repaired, _penalties.Scaled(1000));
            }

            if (repaired.IsFeasible)
            {
                _population.Add(repaired, _penalties);
                improved |= Track(repaired);
            }
        }

        return improved;
    }

    private bool Track(Individual candidate)
    {
        if (candidate.IsFeasible)
        {
            if (_best is not null && candidate.Cost >= _best.Cost - 1e-9)
            {
                return false;
            }

            _best = candidate;
            _timeToBest = _options.Clock.GetElapsedTime(_start);
            _progress?.Report(new SearchProgress(candidate.Cost, true, _iteration, _timeToBest));
            return true;
        }

        if (_best is null && (_bestInfeasible is null || Violation(candidate) < Violation(_bestInfeasible)))
        {
            _bestInfeasible = candidate;
        }

        return false;
    }

    private static double Violation(Individual individual) => individual.LoadExcess + individual.TimeWarp + individual.RangeExcess;

    private void Observe(Individual individual)
    {
        var slot = _observed++ % PenaltyWindow;
        _loadFeasible[slot] = individual.LoadExcess <= 0;
        _timeFeasible[slot] = individual.TimeWarp <= 1e-9;
        _rangeFeasible[slot] = individual.RangeExcess <= 1e-9;
        if (_observed % PenaltyWindow == 0)
        {
            AdaptPenalties();
        }
    }

    private void AdaptPenalties()
    {
        var window = Math.Min(_observed, PenaltyWindow);
        if (window == 0)
        {
            return;
        }

        _penalties.Load = Adapt(_penalties.Load, _loadFeasible, window);
        _penalties.TimeWarp = Adapt(_penalties.TimeWarp, _timeFeasible, window);
        _penalties.Range = Adapt(_penalties.Range, _rangeFeasible, window);
        _population.Reprice(_penalties);
    }

    private double Adapt(double penalty, bool[] feasible, int window) =>
        Penalties.Adapted(penalty, (double)feasible.AsSpan(0, window).Count(true) / window, _options.TargetFeasible);

    private bool ShouldStop(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
        || (_options.MaxIterations is { } max && _iteration >= max)
        || (_options.TimeLimit is { } limit && _options.Clock.GetElapsedTime(_start) >= limit);
}
