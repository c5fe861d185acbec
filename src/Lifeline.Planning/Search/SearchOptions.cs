namespace Lifeline.Planning.Search;

/// <summary>How long and how the search runs. Stops at whichever limit comes first; with no limit it runs until cancelled.</summary>
public sealed record SearchOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>Total genetic iterations (offspring produced); null for no limit.</summary>
    public long? MaxIterations { get; init; }

    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Clock for the time limit and reported times; tests can pass a fake one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Offspring without improving the best plan before the population restarts (HGS-CVRP's 20,000); a
    /// population waits at least as long again as it took to find the best plan since it started.
    /// </summary>
    public int IterationsWithoutImprovement { get; init; } = 20_000;

    public int PopulationSize { get; init; } = 25;

    /// <summary>
    /// Solutions educated before crossover starts. HGS-CVRP uses 4 × PopulationSize; one population
    /// size (as PyVRP does) lets time-limited runs on large instances reach crossover sooner.
    /// </summary>
    public int InitialPopulationSize { get; init; } = 25;

    public int GenerationSize { get; init; } = 40;

    public int EliteCount { get; init; } = 4;

    public int CloseCount { get; init; } = 5;

    /// <summary>Neighbours per stop examined by the local search.</summary>
    public int Granularity { get; init; } = 20;

    /// <summary>
    /// Share of offspring made by ruining and recreating one member (SISR-style string removal and cheapest
    /// reinsertion, then local search on what changed) instead of by crossover. Such an offspring costs a small
    /// fraction of a crossover's, which on large instances buys many more generations in a time limit; the
    /// crossovers keep mixing the population. 0 gives classic HGS.
    /// </summary>
    public double RuinRecreateShare { get; init; } = 0.9;

    /// <summary>Share of local-search results that should be feasible; penalties adapt towards it.</summary>
    public double TargetFeasible { get; init; } = 0.2;
}

/// <summary>Reported whenever the search finds a better plan.</summary>
public sealed record SearchProgress(double Cost, bool IsFeasible, long Iteration, TimeSpan Elapsed);

/// <summary>
/// The best plan found (<see cref="IsFeasible"/> is false when no plan met every constraint), how long the search
/// ran, when it found the plan, and how often the population restarted.
/// </summary>
public sealed record SearchResult(Plan Plan, double Cost, bool IsFeasible, long Iterations, TimeSpan Elapsed, TimeSpan TimeToBest, int Restarts);
