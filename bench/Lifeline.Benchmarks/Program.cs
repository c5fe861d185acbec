using System.Globalization;
using Lifeline.Benchmarks;
using Spectre.Console;

// Lifeline's throughput harness, never part of `dotnet test`:
//   log       appends (batched, single, concurrent), verification and rebuild on a log of a million entries
//   passages  passages over HTTP on loopback with concurrent clients, and flow queries over many passages
//   logistics the situation report over a million stock and movement entries, and recording 50-line manifests
//   crash     the real `lifeline serve` killed with SIGKILL under load, a thousand times: no receipt lost, no key twice
// Either runs on the embedded SQLite file, or with --database CONNECTION-STRING on a PostgreSQL server.
AnsiConsole.Console.Profile.Width = Math.Max(AnsiConsole.Console.Profile.Width, 160);
var mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "log";
IReadOnlyList<BenchmarkResult> results;
if (mode == "passages")
{
    var options = PassageBenchmarkOptions.Parse(args);
    AnsiConsole.MarkupLine($"[bold]Lifeline passages benchmark[/]: {options.Requests:N0} requests from {options.Clients} clients; flow over {options.Passages:N0} passages, on {(options.Database is null ? "SQLite" : "PostgreSQL")}");
    results = await PassageBenchmark.Run(options, message => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(message)}[/]"));
}
else if (mode == "logistics")
{
    var options = LogisticsBenchmarkOptions.Parse(args);
    AnsiConsole.MarkupLine($"[bold]Lifeline logistics benchmark[/]: situation reports over {options.Entries:N0} stock and movement entries; {options.Manifests:N0} manifests of 50 lines, on {(options.Database is null ? "SQLite" : "PostgreSQL")}");
    results = await LogisticsBenchmark.Run(options, message => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(message)}[/]"));
}
else if (mode == "crash")
{
    var options = CrashBenchmarkOptions.Parse(args);
    AnsiConsole.MarkupLine($"[bold]Lifeline crash loop[/]: {options.Loops:N0} kills under load from {options.Clients} clients, on {(options.Database is null ? "SQLite" : "PostgreSQL")}");
    results = await CrashBenchmark.Run(options, message => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(message)}[/]"));
}
else
{
    var options = LogBenchmarkOptions.Parse(args);
    AnsiConsole.MarkupLine($"[bold]Lifeline log benchmark[/]: {options.Entries:N0} entries in batches of {options.BatchSize:N0}, {options.SingleCommits:N0} single durable commits, {options.ConcurrentWriters} writer(s), on {(options.Database is null ? "SQLite" : "PostgreSQL")}");
    results = LogBenchmark.Run(options, message => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(message)}[/]"));
}

var table = new Table().AddColumns("measure", "count", "seconds", "per second", "detail", "target");
foreach (var result in results)
{
    table.AddRow(
        result.Measure,
        result.Count.ToString("N0", CultureInfo.InvariantCulture),
        result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
        result.PerSecond.ToString("N0", CultureInfo.InvariantCulture),
        result.Detail,
        result.Target);
}

AnsiConsole.Write(table);
AnsiConsole.MarkupLine($"[grey].NET {Environment.Version}, {Environment.ProcessorCount} cores, {Markup.Escape(System.Runtime.InteropServices.RuntimeInformation.OSDescription)}[/]");
