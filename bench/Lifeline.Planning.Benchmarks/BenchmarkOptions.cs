using System.Globalization;

namespace Lifeline.Planning.Benchmarks;

/// <summary>
/// Command line of the harness: --quick | --standard | --time-limit S, --cpu-time, --set, --filter, --no-ortools,
/// --no-lifeline, --seed, --data, --shard K/M, --results FILE.
/// </summary>
internal sealed record BenchmarkOptions(
    IReadOnlyList<string> Sets,
    string? Filter,
    double? FixedSeconds,
    bool Standard,
    bool OrTools,
    int Seed,
    string? Data,
    bool CpuTime,
    bool Lifeline = true,
    (int Index, int Count)? Shard = null,
    string? Results = null)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var sets = new List<string>();
        string? filter = null;
        string? data = null;
        double? seconds = 10;
        var standard = false;
        var ortools = true;
        var seed = 1;
        var cpuTime = false;
        var lifeline = true;
        (int, int)? shard = null;
        string? results = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    seconds = 10;
                    standard = false;
                    break;
                case "--standard":
                    seconds = null;
                    standard = true;
                    break;
                case "--time-limit":
                    seconds = Seconds(Value(args, ref i));
                    standard = false;
                    break;
                case "--set":
                    sets.Add(Set(Value(args, ref i)));
                    break;
                case "--filter":
                    filter = Value(args, ref i);
                    break;
                case "--cpu-time":
                    cpuTime = true;
                    break;
                case "--no-ortools":
                    ortools = false;
                    break;
                case "--no-lifeline":
                    lifeline = false;
                    break;
                case "--shard":
                    shard = ParseShard(Value(args, ref i));
                    break;
                case "--results":
                    results = Value(args, ref i);
                    break;
                case "--seed":
                    seed = int.TryParse(Value(args, ref i), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s)
                        ? s
                        : throw new ArgumentException($"--seed: expected a whole number, got '{args[i]}'");
                    break;
                case "--data":
                    data = Value(args, ref i);
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        if (sets.Count == 0)
        {
            sets.Add("x");
        }

        if (!lifeline && !ortools)
        {
            throw new ArgumentException("--no-lifeline with --no-ortools leaves nothing to run");
        }

        return new BenchmarkOptions(sets, filter, seconds, standard, ortools, seed, data, cpuTime, lifeline, shard, results);
    }

    /// <summary>What a ledger must agree on before a run may add to it; the selection (filter, shard) may differ.</summary>
    public IReadOnlyDictionary<string, string> Configuration(string build) => new Dictionary<string, string>
    {
        ["set"] = string.Join(',', Sets),
        ["limit"] = Standard ? "2.4n" : FixedSeconds!.Value.ToString("R", CultureInfo.InvariantCulture) + "s",
        ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
        ["clock"] = CpuTime ? "thread-cpu" : "wall",
        ["build"] = build,
    };

    /// <summary>
    /// Splits the instances into <c>Count</c> shards of about equal total limit (largest first, each to the shard with
    /// the least so far) and returns shard <c>Index</c>, largest instance first.
    /// </summary>
    public static IReadOnlyList<T> Select<T>(IReadOnlyList<T> items, Func<T, int> size, (int Index, int Count) shard)
    {
        var totals = new long[shard.Count];
        var mine = new List<T>();
        foreach (var (item, itemSize) in items.Select(i => (i, size(i))).OrderByDescending(p => p.Item2))
        {
            var least = Array.IndexOf(totals, totals.Min());
            totals[least] += itemSize;
            if (least == shard.Index - 1)
            {
                mine.Add(item);
            }
        }

        return mine;
    }

    /// <summary>The value after the option at <paramref name="i"/>, which moves on to it.</summary>
    private static string Value(string[] args, ref int i) =>
        i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
            ? args[++i]
            : throw new ArgumentException($"{args[i]}: a value is required");

    private static double Seconds(string value) =>
        double.TryParse(value.EndsWith('s') ? value[..^1] : value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds
            : throw new ArgumentException($"--time-limit: expected a positive number of seconds (30 or 30s), got '{value}'");

    private static string Set(string value) =>
        Instances.Sets.Contains(value.ToLowerInvariant())
            ? value.ToLowerInvariant()
            : throw new ArgumentException($"--set: expected one of {string.Join(", ", Instances.Sets)}, got '{value}'");

    private static (int, int) ParseShard(string value)
    {
        var parts = value.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && index >= 1 && index <= count)
        {
            return (index, count);
        }

        throw new ArgumentException($"--shard: expected K/M with 1 <= K <= M (for example 1/2), got '{value}'");
    }

    /// <summary>The literature's standard limit is 2.4 × n seconds on one core.</summary>
    public TimeSpan LimitFor(int clients) => TimeSpan.FromSeconds(Standard ? 2.4 * clients : FixedSeconds!.Value);
}
