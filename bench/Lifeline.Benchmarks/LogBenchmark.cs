using System.Diagnostics;
using System.Globalization;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;
using Lifeline.Storage.Verification;
using Lifeline.Storage.Writing;

namespace Lifeline.Benchmarks;

public sealed record LogBenchmarkOptions(int Entries, int BatchSize, int SingleCommits, int ConcurrentWriters, string? DataPath, string? Database = null)
{
    public static LogBenchmarkOptions Parse(string[] args)
    {
        int Int(string name, int fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var data = Array.IndexOf(args, "--data");
        return new LogBenchmarkOptions(
            Int("--entries", 1_000_000),
            Int("--batch", 1_000),
            Int("--single", 2_000),
            Int("--writers", 16),
            data >= 0 && data + 1 < args.Length ? args[data + 1] : null,
            BenchmarkStore.DatabaseOption(args));
    }
}

/// <summary>
/// Measures the real pipeline: each entry is a site registration that goes through its decider (a name
/// lookup in the projection), canonical JSON, the hash chain, the insert and the projection update.
/// </summary>
public static class LogBenchmark
{
    private static readonly Author Bench = new("benchmark", "bench");

    public static IReadOnlyList<BenchmarkResult> Run(LogBenchmarkOptions options, Action<string> progress)
    {
        var root = options.DataPath ?? Path.Combine(Path.GetTempPath(), "lifeline-bench", Guid.NewGuid().ToString("N"));
        var clock = TimeProvider.System;
        var results = new List<BenchmarkResult>();
        try
        {
            results.Add(LogOnly(Path.Combine(root, "log-only"), options, clock, progress));

            using var benchmarkStore = BenchmarkStore.Create(Path.Combine(root, "log"), clock, options.Database);
            var directory = benchmarkStore.Directory;
            OperationId operation;
            using (var store = directory.OpenStore(clock))
            {
                operation = CreateOperation(store, clock);
                progress($"appending {options.Entries:N0} entries in batches of {options.BatchSize:N0} to {directory.DatabaseDescription}");
                var watch = Stopwatch.StartNew();
                for (var done = 0; done < options.Entries; done += options.BatchSize)
                {
                    var size = Math.Min(options.BatchSize, options.Entries - done);
                    var batch = Enumerable.Range(done, size).Select(i => Site(operation, i, clock)).ToList();
                    Expect(store.Execute(batch, Bench));
                }

                results.Add(new("append + decide + project, batches of " + options.BatchSize.ToString("N0", CultureInfo.InvariantCulture), options.Entries, watch.Elapsed, ">= 50,000/s"));

                progress($"{options.SingleCommits:N0} single-entry durable commits, one writer");
                watch.Restart();
                for (var i = 0; i < options.SingleCommits; i++)
                {
                    Expect(store.Execute(Site(operation, options.Entries + i, clock), Bench));
                }

                results.Add(new("append, single durable commits", options.SingleCommits, watch.Elapsed, ">= 1,000/s"));

                progress($"{options.SingleCommits:N0} single-entry durable commits from {options.ConcurrentWriters} concurrent writers");
                watch.Restart();
                var offset = options.Entries + options.SingleCommits;
                Parallel.For(0, options.SingleCommits, new ParallelOptions { MaxDegreeOfParallelism = options.ConcurrentWriters }, i =>
                    Expect(store.Execute(Site(operation, offset + i, clock), Bench)));
                results.Add(new($"append, single durable commits, {options.ConcurrentWriters} writers", options.SingleCommits, watch.Elapsed, ">= 1,000/s"));
            }

            var total = options.Entries + (2L * options.SingleCommits) + 1;
            progress($"verifying {total:N0} entries");
            var verifyWatch = Stopwatch.StartNew();
            StoreVerification verification;
            using (var database = directory.OpenDatabase())
            {
                verification = StoreVerification.Run(database, directory.ReadPublicKey());
            }

            verifyWatch.Stop();
            if (!verification.Succeeded || verification.EntriesVerified != total)
            {
                throw new InvalidOperationException($"verification failed: {verification.FirstFailure}");
            }

            results.Add(new("verify", verification.EntriesVerified, verifyWatch.Elapsed, ">= 500,000/s"));

            progress($"rebuilding projections from {total:N0} entries");
            using (var store = directory.OpenStore(clock))
            {
                var watch = Stopwatch.StartNew();
                var replayed = store.Rebuild();
                results.Add(new("rebuild", replayed, watch.Elapsed, ">= 100,000/s"));
            }

            return results;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (options.DataPath is null)
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    /// <summary>
    /// The log alone: canonical JSON, hash chain, insert and checkpoint, with no decider lookups and no
    /// projections, to tell the log's own cost from that of the features built on it.
    /// </summary>
    private static BenchmarkResult LogOnly(string path, LogBenchmarkOptions options, TimeProvider clock, Action<string> progress)
    {
        using var benchmarkStore = BenchmarkStore.Create(path, clock, options.Database);
        var directory = benchmarkStore.Directory;
        var handlers = new CommandHandlers().On<AppendOnly>((_, command) => Decision.Accept(PendingEvent.Start(SiteDecider.Stream(new SiteId(command.Registered.SiteId)), command.Registered)));
        using var store = new LogStore(directory.OpenDatabase(), Log.Signing.ServerKey.Load(directory.KeyPath), clock, new Storage.Projections.ProjectionSet([]), handlers: handlers);
        var operation = OperationId.New(clock);
        progress($"appending {options.Entries:N0} entries to the log alone, batches of {options.BatchSize:N0}");
        var watch = Stopwatch.StartNew();
        for (var done = 0; done < options.Entries; done += options.BatchSize)
        {
            var size = Math.Min(options.BatchSize, options.Entries - done);
            var batch = Enumerable.Range(done, size).Select(i =>
            {
                var site = SiteId.New(clock);
                var registered = new SiteRegistered(operation.Value, site.Value, $"Distribution point {i:D7}", SiteKind.DistributionPoint, 36.1, 37.1, "SY02");
                return new LogCommand(new AppendOnly(operation, registered));
            }).ToList();
            Expect(store.Execute(batch, Bench));
        }

        return new("append to the log alone, batches of " + options.BatchSize.ToString("N0", CultureInfo.InvariantCulture), options.Entries, watch.Elapsed, ">= 50,000/s");
    }

    private static OperationId CreateOperation(LogStore store, TimeProvider clock)
    {
        var id = OperationId.New(clock);
        var command = Domain.Operations.CreateOperation.From(id, "Benchmark " + id, "", new DateOnly(2016, 7, 28), "Asia/Damascus", new Validation())!;
        Expect(store.Execute(new LogCommand(command), Bench));
        return id;
    }

    private static LogCommand Site(OperationId operation, int i, TimeProvider clock)
    {
        var command = RegisterSite.From(operation, SiteId.New(clock), $"Distribution point {i:D7}", "distribution_point", 36.0 + (i % 1000 / 10000.0), 37.0 + (i / 1000 % 1000 / 10000.0), "SY02", new Validation())!;
        return new LogCommand(command);
    }

    private static void Expect(WriteOutcome outcome)
    {
        if (outcome is not WriteOutcome.Recorded)
        {
            throw new InvalidOperationException($"benchmark command refused: {outcome}");
        }
    }

    /// <summary>A registration accepted without any look-up: the log's own cost, apart from deciding and projecting.</summary>
    private sealed record AppendOnly(OperationId OperationId, SiteRegistered Registered) : IOperationCommand;
}
