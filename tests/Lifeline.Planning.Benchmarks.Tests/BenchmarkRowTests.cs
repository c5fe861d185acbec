namespace Lifeline.Planning.Benchmarks.Tests;

public class BenchmarkRowTests
{
    [Fact]
    public void The_summary_averages_gaps_over_feasible_results_only_and_counts_those_at_the_best_known()
    {
        BenchmarkRow[] rows =
        [
            new("X-n101-k25", 100, 240, 27591, new SolverOutcome(true, 27591, 10, 1000), new SolverOutcome(true, 28970.55, 100, null)),
            new("X-n106-k14", 105, 252, 26362, new SolverOutcome(true, 26625.62, 30, 2000), new SolverOutcome(false, 26000, null, null)),
            new("X-n110-k13", 109, 261.6, 14971, null, new SolverOutcome(true, 15719.55, 200, null)),
        ];

        Assert.Equal(0, rows[0].LifelineGap);
        Assert.Equal(1.0, rows[1].LifelineGap!.Value, 6);
        Assert.Null(rows[1].OrToolsGap);
        Assert.Equal(
            "instances 3: lifeline run 2, feasible 2, mean gap 0.500%, at BKS 1, mean time to best 20.00s | ortools run 3, feasible 2, mean gap 5.000%, mean time to best 150.00s",
            BenchmarkRow.Summary(rows));
        Assert.Contains("ortools infeasible gap       - best@      s", rows[1].Format(), StringComparison.Ordinal);
        Assert.EndsWith("ortools   28970.55 gap  5.000% best@100.00s", rows[0].Format(), StringComparison.Ordinal);
    }
}
