using Lifeline.Planning.Checking;
using Lifeline.Planning.Formats;
using Lifeline.Planning.Search;

namespace Lifeline.Planning.Tests.Search;

public class SwapStarTests
{
    private static readonly Penalties Strict = new() { Load = 1000 };

    [Fact]
    public void Swap_star_finds_an_exchange_that_relocations_and_swaps_miss()
    {
        // Two vans of three stops each, all stops full: no stop can move alone, and swapping two stops in place
        // does not pay. Moving 5 into 2's place and 2 to the end of the other route saves 13.
        double[] x = [50, 81, 15, 12, 43, 20, 1];
        double[] y = [50, 56, 10, 5, 13, 68, 25];
        var problem = Problem(1, x, y, [new VehicleType("van", 2, 3)]);
        var space = new SearchSpace(problem, 20);
        var start = new Individual(space, [[5, 6, 3], [2, 4, 1]], []);

        var classic = new LocalSearch(space, new Random(1), Neighbourhoods.Classic).Improve(start, Strict);
        var swapStar = new LocalSearch(space, new Random(1), Neighbourhoods.SwapStar).Improve(start, Strict);

        Assert.Equal(334, classic.Cost);
        Assert.Equal(321, swapStar.Cost);
        Assert.Equal([[6, 3, 2], [5, 4, 1]], swapStar.Routes);
        Assert.Equal(321, SolutionChecker.Check(problem, swapStar.ToPlan(space)).Cost);
    }

    [Fact]
    public void Swap_star_sectors_are_measured_around_each_routes_own_depot()
    {
        // Both vans leave depot 1 at (100, 0). Seen from depot 0 at the origin the two routes lie in separate
        // sectors, around their own depot they overlap, and exchanging 7 and 5 saves 10.
        double[] x = [0, 100, 101, 136, 136, 102, 75, 119];
        double[] y = [0, 0, 14, 56, 37, 32, 11, 16];
        var problem = Problem(2, x, y, [new VehicleType("elsewhere", 0, 3, Depot: 0), new VehicleType("van", 2, 3, Depot: 1)]);
        var space = new SearchSpace(problem, 20);
        var start = new Individual(space, [[7, 2, 6], [4, 3, 5]], []);

        var classic = new LocalSearch(space, new Random(1), Neighbourhoods.Classic).Improve(start, Strict);
        var swapStar = new LocalSearch(space, new Random(1), Neighbourhoods.SwapStar).Improve(start, Strict);

        Assert.Equal(241, classic.Cost);
        Assert.Equal(231, swapStar.Cost);
        Assert.True(SolutionChecker.Check(problem, swapStar.ToPlan(space)).IsFeasible);
    }

    [Fact]
    public void Swap_star_ends_where_nothing_more_pays()
    {
        // Every pair of routes changed since it was last examined is examined again, including pairs whose first
        // route changed while its later pairs were being tried; so a second search from the result finds nothing.
        var problem = SharedData.Augerat("A-n80-k10", vehicles: 10);
        var space = new SearchSpace(problem, 20);
        var found = new List<string>();

        for (var seed = 1; seed <= 20; seed++)
        {
            var search = new LocalSearch(space, new Random(seed), Neighbourhoods.SwapStar);
            var tour = Enumerable.Range(problem.DepotCount, problem.ClientCount).ToArray();
            new Random(seed).Shuffle(tour);
            var routes = space.SlotType.Select((_, r) => tour.Where((_, k) => k % space.SlotType.Length == r).ToArray()).ToArray();

            var first = search.Improve(new Individual(space, routes, []), Strict);
            var second = search.Improve(first, Strict);

            if (second.PenalisedCost(Strict) < first.PenalisedCost(Strict) - 1e-9)
            {
                found.Add($"seed {seed}: {first.PenalisedCost(Strict)} -> {second.PenalisedCost(Strict)}");
            }
        }

        Assert.Empty(found);
    }

    private static RoutingProblem Problem(int depots, double[] x, double[] y, VehicleType[] fleet)
    {
        var demand = Enumerable.Range(0, x.Length).Select(i => i < depots ? 0 : 1).ToArray();
        return new RoutingProblem("swap*", depots, Euclidean.Matrix(x, y, DistanceRounding.NearestInteger), null, demand, fleet, x: x, y: y);
    }
}
