using System.Runtime.CompilerServices;
using Lifeline.Planning.Search;

namespace Lifeline.Planning.Tests.Search;

public class PopulationTests
{
    [Fact]
    public void Members_that_left_keep_no_one_else_alive()
    {
        // The search holds on to some plans after they leave the population: its best infeasible plan until a
        // feasible one is found, its best plan across a restart. Such a plan must not keep alive, through the
        // members it was compared with, and theirs in turn, every member there has ever been.
        var population = new Population(new SearchOptions { PopulationSize = 4, GenerationSize = 4 }, new Random(1));
        var (held, added) = AddMany(population, 80);

        Assert.InRange(Alive(added), 0, population.Count + held.Count);

        population.Clear();

        Assert.Equal(held.Count, Alive(added));
        GC.KeepAlive(held);
    }

    private static int Alive(List<WeakReference<Individual>> members)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return members.Count(member => member.TryGetTarget(out _));
    }

    /// <summary>
    /// Adds <paramref name="count"/> locally optimised plans, mostly overloaded, and holds the first few as the search
    /// would. Not inlined, so no local of the caller's frame keeps the others alive.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (List<Individual> Held, List<WeakReference<Individual>> Added) AddMany(Population population, int count)
    {
        var space = new SearchSpace(SharedData.Augerat("A-n45-k6", vehicles: 6), 20);
        var search = new LocalSearch(space, new Random(5));
        var penalties = new Penalties { Load = 0.5 };
        var held = new List<Individual>();
        var added = new List<WeakReference<Individual>>();
        for (var k = 0; k < count; k++)
        {
            var member = search.Improve(Starts.Shuffled(space, new Random(k)), penalties);
            population.Add(member, penalties);
            added.Add(new WeakReference<Individual>(member));
            if (k < 3)
            {
                held.Add(member);
            }
        }

        Assert.InRange(population.Count, 2, 8 + 8);
        return (held, added);
    }
}
