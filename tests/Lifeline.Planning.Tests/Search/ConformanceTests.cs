using Lifeline.Planning.Checking;
using Lifeline.Planning.Search;

namespace Lifeline.Planning.Tests.Search;

public class ConformanceTests
{
    [Theory]
    [InlineData("A-n32-k5", 5, 784)]
    [InlineData("A-n33-k5", 5, 661)]
    [InlineData("B-n31-k5", 5, 672)]
    [InlineData("P-n16-k8", 8, 450)]
    [InlineData("P-n22-k8", 8, 603)]
    public void Small_augerat_instances_reach_their_proven_optimum_with_the_named_fleet(string instance, int vehicles, double optimum)
    {
        var problem = SharedData.Augerat(instance, vehicles);

        var result = HybridGeneticSearch.Solve(problem, new SearchOptions { Seed = 1, MaxIterations = 1500 });

        var report = SolutionChecker.Check(problem, result.Plan);
        Assert.True(report.IsFeasible, string.Join("; ", report.Violations));
        Assert.Equal(optimum, report.Cost, 6);
        Assert.Equal(report.Cost, result.Cost, 6);
    }
}
