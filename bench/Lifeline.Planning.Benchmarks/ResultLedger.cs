using System.Globalization;
using System.Text;

namespace Lifeline.Planning.Benchmarks;

/// <summary>
/// A tab-separated file of finished instances, for runs too long for one sitting (the standard protocol takes about
/// eight hours per solver on X) and for shards run side by side, one per core. Each line is appended as soon as an
/// instance is done, so an interrupted run loses at most the instance it was on; a run given the same file skips
/// what the file already holds. The second header line states the configuration (set, limit, seed, clock, build),
/// and a run with any other configuration is refused rather than mixed in.
/// </summary>
internal sealed class ResultLedger
{
    private const string Title = "# Lifeline planning benchmark ledger";
    private const string Columns = "instance\tsolver\tclients\tlimit_s\tbks\tfeasible\tcost\ttime_to_best_s\titerations\trestarts\tpeak_heap_mb\tfinished_utc\tload_1min";

    private readonly string _path;
    private readonly Dictionary<(string Instance, string Solver), SolverOutcome> _outcomes = [];
    private readonly Dictionary<string, int> _clients = [];

    private ResultLedger(string path) => _path = path;

    public static ResultLedger Open(string path, IReadOnlyDictionary<string, string> configuration)
    {
        var ledger = new ResultLedger(path);
        var header = $"{Title}\n# {string.Join(' ', configuration.Select(p => $"{p.Key}={p.Value}"))}\n{Columns}\n";
        try
        {
            using var created = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            created.Write(Encoding.UTF8.GetBytes(header));
            return ledger;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another shard created it first, or an earlier sitting did: check it and carry on.
        }

        var lines = WithRetry(() => File.ReadAllLines(path));
        if (lines.Length < 3 || lines[0] != Title || !lines[1].StartsWith("# ", StringComparison.Ordinal) || lines[2] != Columns)
        {
            throw new InvalidDataException($"{path}: not a benchmark ledger (its first three lines are not the ledger header)");
        }

        var written = lines[1][2..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length == 2 ? p[1] : "", StringComparer.Ordinal);
        foreach (var (key, value) in configuration)
        {
            if (!written.TryGetValue(key, out var theirs) || theirs != value)
            {
                throw new InvalidOperationException(
                    $"{path}: the ledger was written with {key}={theirs ?? "(none)"} but this run has {key}={value}; use another --results file");
            }
        }

        for (var i = 3; i < lines.Length; i++)
        {
            if (lines[i].Length > 0)
            {
                var (instance, solver, clients, outcome) = Parse(lines[i], path, i + 1);
                ledger._outcomes[(instance, solver)] = outcome;
                ledger._clients[instance] = clients;
            }
        }

        return ledger;
    }

    public bool Has(string instance, string solver) => _outcomes.ContainsKey((instance, solver));

    public SolverOutcome? Outcome(string instance, string solver) => _outcomes.GetValueOrDefault((instance, solver));

    /// <summary>The client count recorded with an instance's results, if it has any.</summary>
    public int? Clients(string instance) => _clients.TryGetValue(instance, out var clients) ? clients : null;

    /// <summary>Appends one solver's outcome, holding an exclusive lock so that shards sharing the file never interleave.</summary>
    public void Append(string instance, string solver, int clients, double limitSeconds, double bestKnown, SolverOutcome outcome)
    {
        var line = string.Join('\t',
            instance,
            solver,
            clients.ToString(CultureInfo.InvariantCulture),
            limitSeconds.ToString("R", CultureInfo.InvariantCulture),
            bestKnown.ToString("R", CultureInfo.InvariantCulture),
            outcome.IsFeasible ? "yes" : "no",
            outcome.Cost.ToString("R", CultureInfo.InvariantCulture),
            outcome.TimeToBestSeconds?.ToString("F2", CultureInfo.InvariantCulture) ?? "",
            outcome.Iterations?.ToString(CultureInfo.InvariantCulture) ?? "",
            outcome.Restarts?.ToString(CultureInfo.InvariantCulture) ?? "",
            outcome.PeakHeapMegabytes?.ToString("F1", CultureInfo.InvariantCulture) ?? "",
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            LoadAverage()) + "\n";
        WithRetry(() =>
        {
            using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.None);
            stream.Write(Encoding.UTF8.GetBytes(line));
            return 0;
        });
        _outcomes[(instance, solver)] = outcome;
        _clients[instance] = clients;
    }

    private static (string Instance, string Solver, int Clients, SolverOutcome Outcome) Parse(string line, string path, int number)
    {
        var f = line.Split('\t');
        if (f.Length != 13)
        {
            throw Damaged(path, number, $"expected 13 tab-separated fields, found {f.Length}");
        }

        var clients = int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : throw Damaged(path, number, "clients is not a whole number");
        var feasible = f[5] switch
        {
            "yes" => true,
            "no" => false,
            _ => throw Damaged(path, number, "feasible is neither yes nor no"),
        };
        var cost = Number(f[6], "cost", path, number) ?? throw Damaged(path, number, "cost is missing");
        var timeToBest = Number(f[7], "time_to_best_s", path, number);
        var iterations = (long?)Number(f[8], "iterations", path, number);
        var restarts = (int?)Number(f[9], "restarts", path, number);
        var peakHeap = Number(f[10], "peak_heap_mb", path, number);
        return (f[0], f[1], clients, new SolverOutcome(feasible, cost, timeToBest, iterations, restarts, peakHeap));
    }

    /// <summary>An optional number: empty is unknown (OR-Tools reports no iterations), anything else must parse.</summary>
    private static double? Number(string field, string name, string path, int number) =>
        field.Length == 0 ? null
        : double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw Damaged(path, number, $"{name} is not a number");

    private static InvalidDataException Damaged(string path, int number, string reason) => new($"{path}, line {number}: {reason}");

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>FileShare.None is an advisory lock on Linux; another shard holding it is waited for, briefly.</summary>
    private static T WithRetry<T>(Func<T> action)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return action();
            }
            catch (IOException) when (attempt < 200)
            {
                Thread.Sleep(50);
            }
        }
    }
}
