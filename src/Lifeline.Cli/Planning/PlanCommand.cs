using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Lifeline.Planning;
using Lifeline.Planning.Formats;
using Lifeline.Planning.Search;
using Spectre.Console;

namespace Lifeline.Cli.Planning;

/// <summary><c>lifeline plan solve FILE</c>: plans convoy or airlift routes for a JSON problem (docs/planning.md).</summary>
public static class PlanCommand
{
    public const int Solved = 0;
    public const int Infeasible = 1;
    public const int BadInput = 2;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Problem in Lifeline's JSON format (docs/planning.md)" };
        var timeLimit = new Option<string>("--time-limit") { Description = "Stop after this long, e.g. 30s, 2m, 500ms (default 30s)" };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed and iteration limit give the same plan", DefaultValueFactory = _ => 1 };
        var iterations = new Option<long?>("--iterations") { Description = "Stop after this many search iterations" };
        var json = new Option<bool>("--json") { Description = "Write the plan as JSON" };
        var solve = new Command("solve", "Plan routes for a problem file and print them");
        solve.Arguments.Add(file);
        solve.Options.Add(timeLimit);
        solve.Options.Add(seed);
        solve.Options.Add(iterations);
        solve.Options.Add(json);
        solve.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var request = new SolveRequest(
                parseResult.GetValue(file)!,
                parseResult.GetValue(timeLimit),
                parseResult.GetValue(seed),
                parseResult.GetValue(iterations),
                parseResult.GetValue(json));
            return Task.FromResult(Run(request, output, error, cancellationToken));
        });

        var plan = new Command("plan", "Route planning for convoys and airlift");
        plan.Subcommands.Add(solve);
        return plan;
    }

    private static readonly JsonSerializerOptions JsonOutput = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    private sealed record SolveRequest(FileInfo File, string? TimeLimit, int Seed, long? Iterations, bool Json);

    private static int Run(SolveRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        TimeSpan limit;
        try
        {
            limit = ParseDuration(request.TimeLimit ?? "30s");
        }
        catch (FormatException e)
        {
            error.WriteLine(e.Message);
            return BadInput;
        }

        NamedProblem named;
        try
        {
            named = JsonProblemReader.Read(request.File.FullName);
        }
        catch (ProblemFormatException e)
        {
            error.WriteLine(e.Message);
            return BadInput;
        }
        catch (IOException e)
        {
            error.WriteLine($"{request.File.FullName}: {e.Message}");
            return BadInput;
        }

        var options = new SearchOptions
        {
            Seed = request.Seed,
            MaxIterations = request.Iterations,
            TimeLimit = request.Iterations is null || request.TimeLimit is not null ? limit : null,
        };
        var result = Solve(named.Problem, options, interactive: !request.Json && ReferenceEquals(output, Console.Out) && AnsiConsole.Profile.Capabilities.Interactive, cancellationToken);
        var summary = PlanSummary.Of(named.Problem, named.NodeIds, result.Plan, result.IsFeasible);
        if (request.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(summary, JsonOutput));
        }
        else
        {
            WriteText(output, summary);
        }

        return result.IsFeasible ? Solved : Infeasible;
    }

    private static SearchResult Solve(RoutingProblem problem, SearchOptions options, bool interactive, CancellationToken cancellationToken)
    {
        if (!interactive)
        {
            return HybridGeneticSearch.Solve(problem, options, null, cancellationToken);
        }

        SearchResult? result = null;
        AnsiConsole.Status().Start("Planning…", context =>
        {
            var progress = new StatusProgress(context);
            result = HybridGeneticSearch.Solve(problem, options, progress, cancellationToken);
        });
        return result!;
    }

    private static void WriteText(TextWriter output, PlanSummary summary)
    {
        var culture = CultureInfo.InvariantCulture;
        for (var r = 0; r < summary.Routes.Count; r++)
        {
            var route = summary.Routes[r];
            output.WriteLine(string.Create(culture, $"Route {r + 1} ({route.Vehicle}): {route.Depot} -> {string.Join(" -> ", route.Stops)} -> {route.Depot}"));
            output.WriteLine(string.Create(culture, $"  load {route.Load}/{route.Capacity}, distance {route.Distance:F2}, cost {route.Cost:F2}"));
        }

        output.WriteLine(string.Create(culture, $"Cost: {summary.Cost:F2}"));
        output.WriteLine(summary.Unserved.Count == 0 ? "Unserved: none" : $"Unserved: {string.Join(", ", summary.Unserved)}");
        if (!summary.Feasible)
        {
            output.WriteLine("No plan meets every constraint; the routes above are the least-violating plan found.");
        }
    }

    /// <summary>Parses 30s, 2m, 1h, 500ms or a bare number of seconds.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : text.EndsWith('h') ? (text[..^1], 3600.0)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0))
        {
            throw new FormatException($"--time-limit '{text}' is not a positive duration such as 30s, 2m or 500ms");
        }

        return TimeSpan.FromSeconds(value * unit);
    }

    /// <summary>Shows the best cost so far in the status line; called on the search thread, so no synchronisation context.</summary>
    private sealed class StatusProgress(StatusContext context) : IProgress<SearchProgress>
    {
        public void Report(SearchProgress value) =>
            context.Status(string.Create(CultureInfo.InvariantCulture, $"Planning… best cost {value.Cost:F2} after {value.Elapsed.TotalSeconds:F1}s"));
    }
}
