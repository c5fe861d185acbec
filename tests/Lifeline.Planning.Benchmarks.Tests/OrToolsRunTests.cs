namespace Lifeline.Planning.Benchmarks.Tests;

/// <summary>
/// The comparison is only fair if OR-Tools is given the same problem: these check that its model carries the
/// capacities, time windows and mixed fleet, through the answer it returns and our checker's verdict on it.
/// Bounded by a number of solutions, never by the clock.
/// </summary>
public class OrToolsRunTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData("augerat", "A-n32-k5")]
    [InlineData("solomon", "C101")]
    [InlineData("taillard", "HVRP15")]
    public void The_first_solution_serves_every_client_and_passes_the_checker(string set, string name)
    {
        var problem = Load(set, name).Load();

        var outcome = OrToolsRun.Solve(problem, Generous, solutionLimit: 1);

        Assert.NotNull(outcome);
        Assert.Empty(outcome.Report.Violations);
        Assert.True(outcome.Report.Cost > 0);
    }

    [Fact]
    public void Guided_local_search_improves_on_the_first_solution()
    {
        var instance = Load("augerat", "A-n32-k5");
        var problem = instance.Load();

        var first = OrToolsRun.Solve(problem, Generous, solutionLimit: 1)!;
        var later = OrToolsRun.Solve(problem, Generous, solutionLimit: 100)!;

        Assert.True(later.Report.IsFeasible);
        Assert.True(later.Report.Cost < first.Report.Cost, $"{later.Report.Cost} after 100 solutions, {first.Report.Cost} at the first");
        Assert.True(later.Report.Cost >= instance.BestKnown, "below the proven optimum of A-n32-k5: the checker or the model is wrong");
    }

    [Fact]
    public void The_time_to_best_is_that_of_the_solution_returned()
    {
        var problem = Load("augerat", "A-n32-k5").Load();

        var outcome = OrToolsRun.Solve(problem, Generous, solutionLimit: 100)!;

        // OR-Tools' objective is in hundredths rounded per arc, so it may differ from the checker's cost by half a
        // hundredth per arc: a route per vehicle, at most clients + vehicles arcs.
        var arcs = problem.ClientCount + problem.Fleet.Sum(t => t.Count);
        Assert.InRange(outcome.BestObjective, outcome.Report.Cost - (0.005 * arcs), outcome.Report.Cost + (0.005 * arcs));
        Assert.True(outcome.TimeToBest > TimeSpan.Zero);
    }

    private static Instance Load(string set, string name) =>
        Instances.Of(set, Instances.FindData()).Single(i => i.Name == name);
}
