using System.Reflection;
using Lifeline.Planning.Benchmarks;
using Lifeline.Planning.Checking;
using Lifeline.Planning.Search;

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

var data = options.Data ?? Instances.FindData();
var selected = options.Sets.SelectMany(s => Instances.Of(s, data))
    .Where(i => options.Filter is null || i.Name.Contains(options.Filter, StringComparison.OrdinalIgnoreCase))
    .ToList();
var instances = options.Shard is { } shard
    ? BenchmarkOptions.Select(selected, i => i.Load().ClientCount, shard)
    : selected;
var build = typeof(HybridGeneticSearch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
ResultLedger? ledger;
try
{
    ledger = options.Results is { } path ? ResultLedger.Open(path, options.Configuration(build)) : null;
}
catch (Exception e) when (e is InvalidOperationException or InvalidDataException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

var rows = new List<BenchmarkRow>();
foreach (var instance in instances)
{
    var runLifeline = options.Lifeline && ledger?.Has(instance.Name, "lifeline") != true;
    var runOrTools = options.OrTools && ledger?.Has(instance.Name, "ortools") != true;
    if (!runLifeline && !runOrTools)
    {
        continue;
    }

    var problem = instance.Load();
    var limit = options.LimitFor(problem.ClientCount);
    SolverOutcome? ours = null;
    SolverOutcome? theirs = null;
    if (runLifeline)
    {
        var clock = options.CpuTime ? new ThreadCpuClock() : TimeProvider.System;
        using var heap = HeapWatch.Start();
        var result = HybridGeneticSearch.Solve(problem, new SearchOptions { Seed = options.Seed, TimeLimit = limit, Clock = clock });
        ours = SolverOutcome.Of(SolutionChecker.Check(problem, result.Plan), result, heap.PeakMegabytes);
        ledger?.Append(instance.Name, "lifeline", problem.ClientCount, limit.TotalSeconds, instance.BestKnown, ours);
    }

    if (runOrTools && OrToolsRun.Solve(problem, limit) is { } ortools)
    {
        theirs = SolverOutcome.Of(ortools);
        ledger?.Append(instance.Name, "ortools", problem.ClientCount, limit.TotalSeconds, instance.BestKnown, theirs);
    }

    var row = new BenchmarkRow(instance.Name, problem.ClientCount, limit.TotalSeconds, instance.BestKnown, ours, theirs);
    rows.Add(row);
    Console.WriteLine(row.Format());
}

Console.WriteLine(BenchmarkRow.Summary(rows));
if (options.Results is { } ledgerPath)
{
    // Read again: other shards may have added to it meanwhile. This is the whole selection, every shard and sitting.
    ledger = ResultLedger.Open(ledgerPath, options.Configuration(build));
    var all = selected
        .Where(i => ledger.Clients(i.Name) is not null)
        .Select(i =>
        {
            var clients = ledger.Clients(i.Name)!.Value;
            return new BenchmarkRow(i.Name, clients, options.LimitFor(clients).TotalSeconds, i.BestKnown, ledger.Outcome(i.Name, "lifeline"), ledger.Outcome(i.Name, "ortools"));
        })
        .ToList();
    Console.WriteLine($"ledger {ledgerPath}, {all.Count} of {selected.Count} selected instances with a result:");
    foreach (var row in all)
    {
        Console.WriteLine(row.Format());
    }

    Console.WriteLine(BenchmarkRow.Summary(all));
}

return 0;
