using Lifeline.Planning.Checking;
using Lifeline.Planning.Formats;
using Lifeline.Planning.Search;

namespace Lifeline.Planning.Tests.Search;

public class RuinRecreateTests
{
    private static readonly RoutingProblem Problem = SharedData.Augerat("A-n45-k6", vehicles: 6);

    [Fact]
    public void Ruin_and_recreate_serves_every_stop_once_and_keeps_most_of_the_parent()
    {
        var space = new SearchSpace(Problem, 20);
        var search = new LocalSearch(space, new Random(7));
        var penalties = new Penalties { Load = 50 };
        var parent = search.Improve(Starts.Shuffled(space, new Random(7)), penalties);
        var distances = new List<double>();

        for (var k = 0; k < 50; k++)
        {
            var child = search.RuinAndRecreate(parent, penalties);

            var report = SolutionChecker.Check(Problem, child.ToPlan(space));
            Assert.DoesNotContain(report.Violations, v => v.Kind is ViolationKind.StopServedTwice or ViolationKind.MandatoryStopUnserved);
            Assert.Equal(report.Cost, child.Cost, 6);
            distances.Add(child.DistanceTo(parent));
        }

        // A few strings of up to a route's length are cut each time: offspring differ, but stay near the parent.
        Assert.True(distances.Count(d => d > 0) > 25, $"only {distances.Count(d => d > 0)} of 50 offspring differ from their parent");
        Assert.True(distances.Average() < 0.3, $"offspring differ from their parent at {distances.Average():P0} of the stops on average");
    }

    [Fact]
    public void Same_seed_ruins_and_recreates_the_same_way()
    {
        var space = new SearchSpace(Problem, 20);
        var penalties = new Penalties { Load = 50 };
        var parent = new LocalSearch(space, new Random(3)).Improve(Starts.Shuffled(space, new Random(3)), penalties);

        var first = new LocalSearch(space, new Random(11)).RuinAndRecreate(parent, penalties);
        var second = new LocalSearch(space, new Random(11)).RuinAndRecreate(parent, penalties);

        Assert.Equal(first.Routes, second.Routes);
    }

    [Fact]
    public void Repair_at_a_higher_price_removes_the_excess_load()
    {
        // Cheap excess load leaves overloaded routes; the repair searches only those (and whatever it changes)
        // at a thousand times the price.
        var space = new SearchSpace(Problem, 20);
        var cheap = new Penalties { Load = 0.5 };
        var dear = cheap.Scaled(1000);
        var repaired = 0;

        for (var seed = 1; seed <= 10; seed++)
        {
            var search = new LocalSearch(space, new Random(seed));
            var overloaded = search.Improve(Starts.Shuffled(space, new Random(seed)), cheap);
            Assert.True(overloaded.LoadExcess > 0, $"seed {seed}: the cheap price left no excess to repair");

            var result = search.Repair(overloaded, dear);

            repaired += result.IsFeasible ? 1 : 0;
            Assert.True(result.PenalisedCost(dear) < overloaded.PenalisedCost(dear));
            Assert.Equal(SolutionChecker.Check(Problem, result.ToPlan(space)).Cost, result.Cost, 6);
        }

        Assert.True(repaired >= 8, $"only {repaired} of 10 repairs ended feasible");
    }

    [Fact]
    public void Classic_hybrid_genetic_search_without_ruin_and_recreate_still_reaches_the_optimum()
    {
        var problem = SharedData.Augerat("A-n32-k5", vehicles: 5);

        var result = HybridGeneticSearch.Solve(problem, new SearchOptions { Seed = 1, MaxIterations = 1500, RuinRecreateShare = 0 });

        Assert.True(result.IsFeasible);
        Assert.Equal(784, SolutionChecker.Check(problem, result.Plan).Cost, 6);
    }

    [Theory]
    [InlineData(19_999, 0, false)]
    [InlineData(20_000, 0, true)]
    [InlineData(20_000, 150_000, false)]
    [InlineData(149_999, 150_000, false)]
    [InlineData(150_000, 150_000, true)]
    public void A_population_restarts_after_the_threshold_and_no_sooner_than_it_took_to_find_its_best(long since, long toBest, bool restart) =>
        Assert.Equal(restart, HybridGeneticSearch.ShouldRestart(since, toBest, 20_000));

    [Fact]
    public void A_stalled_search_restarts_and_a_high_threshold_keeps_its_population()
    {
        var problem = SharedData.Augerat("A-n45-k6", vehicles: 6);

        SearchResult Run(int threshold) => HybridGeneticSearch.Solve(problem, new SearchOptions
        {
            Seed = 4,
            MaxIterations = 1200,
            IterationsWithoutImprovement = threshold,
        });

        var restarting = Run(100);
        var keeping = Run(1_000_000);

        Assert.InRange(restarting.Restarts, 2, 15);
        Assert.Equal(0, keeping.Restarts);
        Assert.Equal(SolutionChecker.Check(problem, restarting.Plan).Cost, restarting.Cost, 6);
    }

    [Fact]
    public void Insertion_orders_by_depot_distance_measure_from_the_nearest_depot()
    {
        // Depots 0 and 1 are 1000 apart; stop 3 sits beside depot 1, so it is near a depot, not far out.
        double[] x = [0, 1000, 10, 990];
        double[] y = [0, 0, 0, 0];
        var problem = new RoutingProblem("two bases", 2, Euclidean.Matrix(x, y, DistanceRounding.Exact), null, [0, 0, 1, 1],
            [new VehicleType("west", 1, 10, Depot: 0), new VehicleType("east", 1, 10, Depot: 1)]);

        Assert.Equal([0, 0, 10, 10], LocalSearch.NearestDepotDistances(problem));
    }
}
