using System.Globalization;
using Lifeline.Planning.Checking;
using Lifeline.Planning.Search;

namespace Lifeline.Planning.Benchmarks;

/// <summary>One instance's outcome. Costs are the checker's recomputation, never the solver's own figure.</summary>
internal sealed record BenchmarkRow(Instance Instance, int Clients, TimeSpan Limit, CheckReport Lifeline, SearchResult Search, OrToolsOutcome? OrTools)
{
    public double? LifelineGap => Lifeline.IsFeasible ? Gap(Lifeline.Cost) : null;

    public double? OrToolsGap => OrTools is { Report.IsFeasible: true } o ? Gap(o.Report.Cost) : null;

    private double Gap(double cost) => 100 * (cost - Instance.BestKnown) / Instance.BestKnown;

    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"{Instance.Name,-14} n={Clients,4} limit={Limit.TotalSeconds,6:F1}s bks={Instance.BestKnown,10:F2} | lifeline {Cost(Lifeline),10} gap {Percent(LifelineGap),7} best@{Search.TimeToBest.TotalSeconds,6:F2}s iters={Search.Iterations} | ortools {(OrTools is null ? "-" : Cost(OrTools.Report)),10} gap {Percent(OrToolsGap),7}");

    public static string Summary(IReadOnlyList<BenchmarkRow> rows)
    {
        var ours = rows.Where(r => r.LifelineGap is not null).Select(r => r.LifelineGap!.Value).ToList();
        var theirs = rows.Where(r => r.OrToolsGap is not null).Select(r => r.OrToolsGap!.Value).ToList();
        // BKS values are published to two decimals at most, so a cost within half a cent of one is at it.
        var optimal = rows.Count(r => r.Lifeline.IsFeasible && r.Lifeline.Cost <= r.Instance.BestKnown + 0.005);
        return string.Create(CultureInfo.InvariantCulture,
            $"instances {rows.Count}: lifeline feasible {ours.Count}, mean gap {Mean(ours)}, at BKS {optimal}, mean time to best {rows.Select(r => r.Search.TimeToBest.TotalSeconds).DefaultIfEmpty().Average():F2}s | ortools feasible {theirs.Count}, mean gap {Mean(theirs)}");
    }

    private static string Mean(List<double> gaps) => gaps.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{gaps.Average():F3}%");

    private static string Cost(CheckReport report) => report.IsFeasible ? report.Cost.ToString("F2", CultureInfo.InvariantCulture) : "infeasible";

    private static string Percent(double? gap) => gap is { } g ? g.ToString("F3", CultureInfo.InvariantCulture) + "%" : "-";
}
