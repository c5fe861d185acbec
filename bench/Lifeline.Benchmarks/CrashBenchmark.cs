using System.Globalization;
using Lifeline.Testing.Crashing;

namespace Lifeline.Benchmarks;

public sealed record CrashBenchmarkOptions(int Loops, int Clients, int Seed, string? Database = null)
{
    public static CrashBenchmarkOptions Parse(string[] args)
    {
        int Int(string name, int fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new(Int("--loops", 1_000), Int("--clients", 8), Int("--seed", 2016), BenchmarkStore.DatabaseOption(args));
    }
}

/// <summary>
/// The long crash loop: the quick one of <c>dotnet test</c> (<c>CrashTests</c>, three kills) run a thousand times
/// on one growing data directory, with the real <c>lifeline serve</c> killed by SIGKILL under load each time.
/// </summary>
public static class CrashBenchmark
{
    public static async Task<IReadOnlyList<BenchmarkResult>> Run(CrashBenchmarkOptions options, Action<string> progress)
    {
        var root = Path.Combine(Path.GetTempPath(), "lifeline-bench", Guid.NewGuid().ToString("N"));
        try
        {
            using var store = BenchmarkStore.Create(root, TimeProvider.System, options.Database);
            var lifeline = Path.Combine(AppContext.BaseDirectory, "lifeline.dll");
            var report = await CrashLoop.Run(new CrashLoopOptions(lifeline, store.Directory.Path, options.Loops, options.Clients, options.Seed), progress);
            return
            [
                new($"SIGKILL under load, restart, retry every key ({store.Kind})", report.Loops, report.Elapsed, "no receipt lost, no key twice",
                    $"{report.Acknowledged:N0} writes acknowledged, {report.CutOff:N0} cut off ({report.CommittedBeforeKill:N0} had committed, {report.RecordedOnRetry:N0} recorded on retry), {report.Entries:N0} entries; verify --projections passed"),
            ];
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }
}
