using System.Globalization;
using Lifeline.Planning.Checking;
using Lifeline.Planning.Search;

namespace Lifeline.Planning.Benchmarks;

/// <summary>
/// One solver's outcome on one instance. The cost is the checker's recomputation, never the solver's own figure.
/// Time to best is known for both solvers (Lifeline's on the clock its limit runs on, OR-Tools' on the wall clock);
/// iterations, restarts and the peak managed heap for Lifeline only.
/// </summary>
internal sealed record SolverOutcome(bool IsFeasible, double Cost, double? TimeToBestSeconds, long? Iterations, int? Restarts = null, double? PeakHeapMegabytes = null)
{
    public static SolverOutcome Of(OrToolsOutcome outcome) => new(outcome.Report.IsFeasible, outcome.Report.Cost, outcome.TimeToBest.TotalSeconds, null);

    public static SolverOutcome Of(CheckReport report, SearchResult search, double peakHeapMegabytes) =>
        new(report.IsFeasible, report.Cost, search.TimeToBest.TotalSeconds, search.Iterations, search.Restarts, peakHeapMegabytes);
}

/// <summary>One instance's outcome: Lifeline's, OR-Tools' or both.</summary>
internal sealed record BenchmarkRow(string Name, int Clients, double LimitSeconds, double BestKnown, SolverOutcome? Lifeline, SolverOutcome? OrTools)
{
    public double? LifelineGap => Gap(Lifeline);

    public double? OrToolsGap => Gap(OrTools);

    private double? Gap(SolverOutcome? outcome) =>
        outcome is { IsFeasible: true } o ? 100 * (o.Cost - BestKnown) / BestKnown : null;

    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-14} n={Clients,4} limit={LimitSeconds,6:F1}s bks={BestKnown,10:F2} | lifeline {Cost(Lifeline),10} gap {Percent(LifelineGap),7} best@{Lifeline?.TimeToBestSeconds,6:F2}s iters={Lifeline?.Iterations} restarts={Lifeline?.Restarts} heap={Lifeline?.PeakHeapMegabytes:F0}MB | ortools {Cost(OrTools),10} gap {Percent(OrToolsGap),7} best@{OrTools?.TimeToBestSeconds,6:F2}s");

    public static string Summary(IReadOnlyList<BenchmarkRow> rows)
    {
        var ours = rows.Where(r => r.LifelineGap is not null).Select(r => r.LifelineGap!.Value).ToList();
        var theirs = rows.Where(r => r.OrToolsGap is not null).Select(r => r.OrToolsGap!.Value).ToList();
        // BKS values are published to two decimals at most, so a cost within half a cent of one is at it.
        var optimal = rows.Count(r => r.Lifeline is { IsFeasible: true } o && o.Cost <= r.BestKnown + 0.005);
        return string.Create(CultureInfo.InvariantCulture,
            $"instances {rows.Count}: lifeline run {rows.Count(r => r.Lifeline is not null)}, feasible {ours.Count}, mean gap {Mean(ours)}, at BKS {optimal}, mean time to best {MeanTimeToBest(rows.Select(r => r.Lifeline))} | ortools run {rows.Count(r => r.OrTools is not null)}, feasible {theirs.Count}, mean gap {Mean(theirs)}, mean time to best {MeanTimeToBest(rows.Select(r => r.OrTools))}");
    }

    /// <summary>Over the outcomes that know it: ledgers written before OR-Tools' time to best was recorded lack it.</summary>
    private static string MeanTimeToBest(IEnumerable<SolverOutcome?> outcomes)
    {
        var times = outcomes.Where(o => o?.TimeToBestSeconds is not null).Select(o => o!.TimeToBestSeconds!.Value).ToList();
        return times.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{times.Average():F2}s");
    }

    private static string Mean(List<double> gaps) => gaps.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{gaps.Average():F3}%");

    private static string Cost(SolverOutcome? outcome) => outcome switch
    {
        null => "-",
        { IsFeasible: false } => "infeasible",
        var o => o.Cost.ToString("F2", CultureInfo.InvariantCulture),
    };

    private static string Percent(double? gap) => gap is { } g ? g.ToString("F3", CultureInfo.InvariantCulture) + "%" : "-";
}
