using Lifeline.Planning.Checking;
using Lifeline.Planning.Formats;
using Lifeline.Planning.Search;

namespace Lifeline.Planning.Tests.Search;

public class SearchBehaviourTests
{
    [Fact]
    public void Same_seed_gives_the_same_plan()
    {
        var problem = SharedData.Augerat("A-n45-k6");
        var options = new SearchOptions { Seed = 42, MaxIterations = 300 };

        var first = HybridGeneticSearch.Solve(problem, options);
        var second = HybridGeneticSearch.Solve(problem, options);

        Assert.Equal(Describe(first.Plan), Describe(second.Plan));
        Assert.Equal(first.Cost, second.Cost);
    }

    [Fact]
    public void Optional_stops_are_dropped_lowest_priority_first_when_capacity_is_short()
    {
        // One vehicle carrying 10 kg, five stops of 4 kg each close to the depot: only two can be served.
        double[] x = [0, 1, 1, 2, 2, 3];
        double[] y = [0, 0, 1, 0, 1, 0];
        var problem = new RoutingProblem("short", 1, Euclidean.Matrix(x, y, DistanceRounding.Exact), null, [0, 4, 4, 4, 4, 4],
            [new VehicleType("truck", 1, 10)], unservedPenalty: [0, 500, 100, 400, 200, 300]);

        var result = HybridGeneticSearch.Solve(problem, new SearchOptions { Seed = 3, MaxIterations = 50 });

        Assert.True(result.IsFeasible);
        Assert.Equal([2, 4, 5], result.Plan.Unserved.Order());
        Assert.True(SolutionChecker.Check(problem, result.Plan).IsFeasible);
    }

    [Fact]
    public void Helicopter_range_limits_each_sortie()
    {
        // Four landing zones 40 km out in different directions; a round trip to one is 80 km, to two at least 137 km.
        double[] x = [0, 40, 0, -40, 0];
        double[] y = [0, 0, 40, 0, -40];
        var matrix = Euclidean.Matrix(x, y, DistanceRounding.Exact);
        RoutingProblem WithRange(double range) => new("sorties", 1, matrix, null, [0, 1, 1, 1, 1],
            [new VehicleType("Mi-8", 4, 100, FixedCost: 0, MaxDistance: range)]);

        var unlimited = HybridGeneticSearch.Solve(WithRange(double.PositiveInfinity), new SearchOptions { Seed = 1, MaxIterations = 50 });
        var limited = HybridGeneticSearch.Solve(WithRange(100), new SearchOptions { Seed = 1, MaxIterations = 50 });

        Assert.Single(unlimited.Plan.Routes);
        Assert.Equal(4, limited.Plan.Routes.Count);
        Assert.True(limited.IsFeasible);
        Assert.True(SolutionChecker.Check(WithRange(100), limited.Plan).IsFeasible);
    }

    [Fact]
    public void Time_windows_are_met_and_the_dimacs_best_known_is_reached_on_c101()
    {
        var problem = SolomonReader.ReadProblem(SharedData.Vrp("vrptw-solomon", "C101.txt"));

        var result = HybridGeneticSearch.Solve(problem, new SearchOptions { Seed = 1, MaxIterations = 400 });

        var report = SolutionChecker.Check(problem, result.Plan);
        Assert.True(report.IsFeasible, string.Join("; ", report.Violations));
        Assert.Equal(827.3, report.Cost, 6);
    }

    [Fact]
    public void Heterogeneous_fleet_plan_respects_vehicle_counts_and_matches_the_checker()
    {
        var problem = TaillardReader.ReadProblem(SharedData.Vrp("hfvrp-taillard", "HFVRP", "HVRP14.txt"));

        var result = HybridGeneticSearch.Solve(problem, new SearchOptions { Seed = 1, MaxIterations = 300 });

        var report = SolutionChecker.Check(problem, result.Plan);
        Assert.True(report.IsFeasible, string.Join("; ", report.Violations));
        Assert.Equal(report.Cost, result.Cost, 6);
        Assert.InRange(report.Cost, 607.53, 607.53 * 1.03);
    }

    [Fact]
    public void Cheaper_vehicle_type_is_preferred_when_it_can_carry_the_load()
    {
        double[] x = [0, 10, 10, -10, -10];
        double[] y = [0, 1, -1, 1, -1];
        var problem = new RoutingProblem("mix", 1, Euclidean.Matrix(x, y, DistanceRounding.Exact), null, [0, 5, 5, 5, 5],
            [new VehicleType("big", 2, 100, FixedCost: 500), new VehicleType("small", 2, 10, FixedCost: 10)]);

        var result = HybridGeneticSearch.Solve(problem, new SearchOptions { Seed = 1, MaxIterations = 50 });

        Assert.All(result.Plan.Routes, r => Assert.Equal(1, r.VehicleType));
        Assert.Equal(2, result.Plan.Routes.Count);
    }

    [Fact]
    public void Each_depot_serves_the_stops_around_it()
    {
        // Depots 0 and 1 are 1000 apart; stops 2,3 sit next to depot 0 and stops 4,5 next to depot 1.
        double[] x = [0, 1000, 1, 2, 1001, 1002];
        double[] y = [0, 0, 1, 1, 1, 1];
        var problem = new RoutingProblem("two bases", 2, Euclidean.Matrix(x, y, DistanceRounding.Exact), null, [0, 0, 1, 1, 1, 1],
            [new VehicleType("west", 1, 10, Depot: 0), new VehicleType("east", 1, 10, Depot: 1)]);

        var result = HybridGeneticSearch.Solve(problem, new SearchOptions { Seed = 1, MaxIterations = 50 });

        Assert.True(SolutionChecker.Check(problem, result.Plan).IsFeasible);
        Assert.Equal([2, 3], result.Plan.Routes.Single(r => r.VehicleType == 0).Stops.Order());
        Assert.Equal([4, 5], result.Plan.Routes.Single(r => r.VehicleType == 1).Stops.Order());
    }

    [Fact]
    public void Impossible_time_window_gives_an_infeasible_result_rather_than_an_exception()
    {
        double[] x = [0, 100];
        double[] y = [0, 0];
        var problem = new RoutingProblem("too far", 1, Euclidean.Matrix(x, y, DistanceRounding.Exact), null, [0, 1],
            [new VehicleType("truck", 1, 10)], ready: [0, 0], due: [1000, 10]);

        var result = HybridGeneticSearch.Solve(problem, new SearchOptions { Seed = 1, MaxIterations = 20 });

        Assert.False(result.IsFeasible);
    }

    [Fact]
    public void Cancelled_search_returns_what_it_has()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var result = HybridGeneticSearch.Solve(SharedData.Augerat("A-n32-k5"), new SearchOptions { Seed = 1 }, null, cancelled.Token);

        Assert.Equal(0, result.Iterations);
        Assert.False(result.IsFeasible);
    }

    [Fact]
    public void Cancelling_after_the_first_improvement_returns_that_feasible_plan()
    {
        using var cancellation = new CancellationTokenSource();
        var reports = new List<SearchProgress>();
        var progress = new Collect(reports, _ => cancellation.Cancel());

        var result = HybridGeneticSearch.Solve(SharedData.Augerat("A-n45-k6"), new SearchOptions { Seed = 2 }, progress, cancellation.Token);

        Assert.True(result.IsFeasible);
        Assert.Single(reports);
        Assert.Equal(reports[0].Cost, result.Cost);
    }

    [Fact]
    public void Time_limit_is_measured_on_the_clock_passed_in()
    {
        // Every reading of this clock moves it one second on, so a 20 s limit allows only a few iterations.
        var clock = new SteppingClock();

        var result = HybridGeneticSearch.Solve(SharedData.Augerat("A-n32-k5"), new SearchOptions { Seed = 1, TimeLimit = TimeSpan.FromSeconds(20), Clock = clock });

        Assert.InRange(result.Iterations, 1, 20);
        Assert.True(result.Elapsed >= TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Each_reported_improvement_is_cheaper_than_the_last()
    {
        var reports = new List<SearchProgress>();

        var result = HybridGeneticSearch.Solve(SharedData.Augerat("A-n45-k6"), new SearchOptions { Seed = 5, MaxIterations = 200 }, new Collect(reports));

        Assert.NotEmpty(reports);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.Second.Cost < p.First.Cost));
        Assert.Equal(result.Cost, reports[^1].Cost);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Search_cost_and_feasibility_agree_with_the_independent_checker_on_random_problems(int seed)
    {
        var problem = RandomProblem(seed);

        var result = HybridGeneticSearch.Solve(problem, new SearchOptions { Seed = seed, MaxIterations = 60 });

        var report = SolutionChecker.Check(problem, result.Plan);
        Assert.Equal(report.IsFeasible, result.IsFeasible);
        Assert.Equal(report.Cost, result.Cost, 6);
    }

    /// <summary>Two depots, two vehicle types, windows, service times, a range and some optional stops.</summary>
    private static RoutingProblem RandomProblem(int seed)
    {
        var random = new Random(seed);
        const int n = 32;
        var x = new double[n];
        var y = new double[n];
        var demand = new int[n];
        var ready = new double[n];
        var due = new double[n];
        var service = new double[n];
        var penalty = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = random.Next(100);
            y[i] = random.Next(100);
            var open = random.Next(300);
            (ready[i], due[i]) = i < 2 ? (0, 1000) : (open, open + 60 + random.Next(200));
            demand[i] = i < 2 ? 0 : 1 + random.Next(20);
            service[i] = i < 2 ? 0 : 10;
            penalty[i] = i >= 2 && random.Next(4) == 0 ? 50 + random.Next(100) : double.PositiveInfinity;
        }

        return new RoutingProblem("random", 2, Euclidean.Matrix(x, y, DistanceRounding.Exact), null, demand,
            [new VehicleType("van", 6, 60, FixedCost: 20, Depot: 0, MaxDistance: 400), new VehicleType("truck", 3, 120, FixedCost: 50, CostPerDistance: 1.5, Depot: 1, MaxDuration: 700)],
            ready: ready, due: due, service: service, unservedPenalty: penalty);
    }

    private static string Describe(Plan plan) =>
        string.Join(" | ", plan.Routes.Select(r => r.VehicleType + ":" + string.Join(",", r.Stops))) + " / " + string.Join(",", plan.Unserved);

    private sealed class Collect(List<SearchProgress> into, Action<SearchProgress>? then = null) : IProgress<SearchProgress>
    {
        public void Report(SearchProgress value)
        {
            into.Add(value);
            then?.Invoke(value);
        }
    }

    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks += TimeSpan.TicksPerSecond;
    }
}
