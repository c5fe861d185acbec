using Lifeline.Planning.Formats;
using Lifeline.Planning.Search;

namespace Lifeline.Planning.Tests.Search;

public class LocalSearchTests
{
    [Theory]
    [InlineData("cvrp-augerat/A-n45-k6.vrp")]
    [InlineData("cvrp-x/X-n101-k25.vrp")]
    [InlineData("vrptw-solomon/R101.txt")]
    [InlineData("hfvrp-taillard/HFVRP/HVRP13.txt")]
    public void A_search_ends_where_no_move_pays_so_a_second_search_from_its_result_finds_nothing(string file)
    {
        // Moderate prices leave overloaded and late routes in play, so moves that trade violation for distance
        // are tested too. Every move skipped in a later pass must have been tried on the same two routes.
        var path = SharedData.Vrp(file.Split('/'));
        var problem = file.Split('/')[0] switch
        {
            "vrptw-solomon" => SolomonReader.ReadProblem(path),
            "hfvrp-taillard" => TaillardReader.ReadProblem(path),
            _ => CvrplibReader.ReadProblem(path, vehicles: file.Contains("A-n45", StringComparison.Ordinal) ? 6 : null),
        };
        var space = new SearchSpace(problem, 20);
        var penalties = new Penalties { Load = 3, TimeWarp = 3, Range = 3 };
        var found = new List<string>();

        for (var seed = 1; seed <= 10; seed++)
        {
            var search = new LocalSearch(space, new Random(seed));
            var tour = Enumerable.Range(problem.DepotCount, problem.ClientCount).ToArray();
            new Random(seed).Shuffle(tour);
            var used = Math.Min(10, space.SlotType.Length);
            var routes = space.SlotType.Select((_, r) => r < used ? tour.Where((_, k) => k % used == r).ToArray() : []).ToArray();

            var first = search.Improve(new Individual(space, routes, []), penalties);
            var second = search.Improve(first, penalties);

            if (second.PenalisedCost(penalties) < first.PenalisedCost(penalties) - 1e-9)
            {
                found.Add($"seed {seed}: {first.PenalisedCost(penalties)} -> {second.PenalisedCost(penalties)}");
            }
        }

        Assert.Empty(found);
    }
}
