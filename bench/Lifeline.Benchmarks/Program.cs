using System.Diagnostics;
using System.Globalization;
using Lifeline.Benchmarks;
using Spectre.Console;

// The log's throughput harness: appends (batched and single durable commits), verification and rebuild
// on a log of a million entries, on a real SQLite file. Prints a table; never part of `dotnet test`.
var options = LogBenchmarkOptions.Parse(args);
AnsiConsole.MarkupLine($"[bold]Lifeline log benchmark[/]: {options.Entries:N0} entries in batches of {options.BatchSize:N0}, {options.SingleCommits:N0} single durable commits, {options.ConcurrentWriters} writer(s)");
var results = LogBenchmark.Run(options, message => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(message)}[/]"));

var table = new Table().AddColumns("measure", "entries", "seconds", "entries/s", "target");
foreach (var result in results)
{
    table.AddRow(
        result.Measure,
        result.Entries.ToString("N0", CultureInfo.InvariantCulture),
        result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
        result.PerSecond.ToString("N0", CultureInfo.InvariantCulture),
        result.Target);
}

AnsiConsole.Write(table);
AnsiConsole.MarkupLine($"[grey]{Markup.Escape(RuntimeSummary())}[/]");

static string RuntimeSummary() =>
    $".NET {Environment.Version}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {Stopwatch.Frequency} Hz timer";
