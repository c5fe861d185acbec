using System.Globalization;
using Lifeline.Testing.Crashing;

namespace Lifeline.Benchmarks;

/// <param name="Loops">How many times the server is killed.</param>
/// <param name="Clients">Concurrent clients writing.</param>
/// <param name="Seed">Seeds the moments of the kills.</param>
/// <param name="Database">A PostgreSQL connection string; the embedded SQLite file when null.</param>
/// <param name="RestartDatabase">A shell command that restarts the database at once (e.g. <c>scripts/test-postgres restart-immediately</c>), run under load every second loop.</param>
public sealed record CrashBenchmarkOptions(int Loops, int Clients, int Seed, string? Database = null, string? RestartDatabase = null)
{
    public static CrashBenchmarkOptions Parse(string[] args)
    {
        int Int(string name, int fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var restart = Array.IndexOf(args, "--restart-database");
        return new(Int("--loops", 1_000), Int("--clients", 8), Int("--seed", 2016), BenchmarkStore.DatabaseOption(args), restart >= 0 && restart + 1 < args.Length ? args[restart + 1] : null);
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
            var restart = options.RestartDatabase is { } command ? () => Shell(command) : (Func<Task>?)null;
            var report = await CrashLoop.Run(new CrashLoopOptions(lifeline, store.Directory.Path, options.Loops, options.Clients, options.Seed, restart), progress);
            var what = report.DatabaseRestarts > 0 ? $"SIGKILL and {report.DatabaseRestarts} immediate database restarts under load" : "SIGKILL under load";
            return
            [
                new($"{what}, restart, retry every key ({store.Kind})", report.Loops, report.Elapsed, "no receipt lost, no key twice",
                    $"{report.Acknowledged:N0} writes acknowledged, {report.CutOff:N0} cut off ({report.CommittedBeforeKill:N0} had committed, {report.RecordedOnRetry:N0} recorded on retry), {report.Entries:N0} entries; verify --projections passed"),
            ];
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Runs the restart command; it must succeed, or the loop cannot mean what it says.</summary>
    private static async Task Shell(string command)
    {
        var start = new System.Diagnostics.ProcessStartInfo("/bin/sh") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new CrashLoopException($"the database restart command '{command}' exited with {process.ExitCode}: {error}");
        }
    }
}
