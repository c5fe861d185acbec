using Lifeline.Planning.Benchmarks;
using Lifeline.Planning.Checking;
using Lifeline.Planning.Search;

var options = BenchmarkOptions.Parse(args);
var data = options.Data ?? Instances.FindData();
var instances = options.Sets.SelectMany(s => Instances.Of(s, data))
    .Where(i => options.Filter is null || i.Name.Contains(options.Filter, StringComparison.OrdinalIgnoreCase))
    .ToList();
var rows = new List<BenchmarkRow>();
foreach (var instance in instances)
{
    var problem = instance.Load();
    var limit = options.LimitFor(problem.ClientCount);
    var clock = options.CpuTime ? new ThreadCpuClock() : TimeProvider.System;
    var result = HybridGeneticSearch.Solve(problem, new SearchOptions { Seed = options.Seed, TimeLimit = limit, Clock = clock });
    var report = SolutionChecker.Check(problem, result.Plan);
    var ortools = options.OrTools ? OrToolsRun.Solve(problem, limit) : null;
    var row = new BenchmarkRow(instance, problem.ClientCount, limit, report, result, ortools);
    rows.Add(row);
    Console.WriteLine(row.Format());
}

Console.WriteLine(BenchmarkRow.Summary(rows));
