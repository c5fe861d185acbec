using Lifeline.Planning.Search;

namespace Lifeline.Planning.Tests.Search;

/// <summary>Starting solutions for tests of the search's parts.</summary>
internal static class Starts
{
    /// <summary>The stops in random order, cut into runs of equal length, one per vehicle slot: a poor start, often overloaded.</summary>
    public static Individual Shuffled(SearchSpace space, Random random)
    {
        var problem = space.Problem;
        var tour = Enumerable.Range(problem.DepotCount, problem.ClientCount).ToArray();
        random.Shuffle(tour);
        var routes = space.SlotType.Select(_ => Array.Empty<int>()).ToArray();
        var perRoute = (tour.Length + routes.Length - 1) / routes.Length;
        for (var r = 0; r < routes.Length; r++)
        {
            routes[r] = tour.Skip(r * perRoute).Take(perRoute).ToArray();
        }

        return new Individual(space, routes, []);
    }
}
