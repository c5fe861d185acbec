using System.Globalization;

namespace Lifeline.Planning.Benchmarks;

/// <summary>Command line of the harness: --quick | --standard | --time-limit S, --cpu-time, --set, --filter, --no-ortools, --seed, --data.</summary>
internal sealed record BenchmarkOptions(
    IReadOnlyList<string> Sets,
    string? Filter,
    double? FixedSeconds,
    bool Standard,
    bool OrTools,
    int Seed,
    string? Data,
    bool CpuTime)
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
                    seconds = double.Parse(args[++i].TrimEnd('s'), CultureInfo.InvariantCulture);
                    standard = false;
                    break;
                case "--set":
                    sets.Add(args[++i].ToLowerInvariant());
                    break;
                case "--filter":
                    filter = args[++i];
                    break;
                case "--cpu-time":
                    cpuTime = true;
                    break;
                case "--no-ortools":
                    ortools = false;
                    break;
                case "--seed":
                    seed = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--data":
                    data = args[++i];
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        if (sets.Count == 0)
        {
            sets.Add("x");
        }

        return new BenchmarkOptions(sets, filter, seconds, standard, ortools, seed, data, cpuTime);
    }

    /// <summary>The literature's standard limit is 2.4 × n seconds on one core.</summary>
    public TimeSpan LimitFor(int clients) => TimeSpan.FromSeconds(Standard ? 2.4 * clients : FixedSeconds!.Value);
}
