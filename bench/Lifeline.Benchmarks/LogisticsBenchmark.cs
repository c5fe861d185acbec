using System.Diagnostics;
using System.Globalization;
using Lifeline.Domain.Commodities;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Stock;
using Lifeline.Server;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Reports;
using Lifeline.Storage.Writing;

namespace Lifeline.Benchmarks;

public sealed record LogisticsBenchmarkOptions(int Entries, int Queries, int Manifests, string? Database = null)
{
    public static LogisticsBenchmarkOptions Parse(string[] args)
    {
        int Int(string name, int fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new(Int("--entries", 1_000_000), Int("--queries", 200), Int("--manifests", 500), BenchmarkStore.DatabaseOption(args));
    }
}

/// <summary>
/// A year of relief logistics in one log: stock received at the hub, convoys planned, manifested, departed,
/// arrived and delivered, stock issued at the destinations. Then the situation report over it, and a 50-line
/// manifest recorded with its own durable commit.
/// </summary>
public static class LogisticsBenchmark
{
    private static readonly Author Bench = new("benchmark", "bench");
    private static readonly DateTimeOffset Start = new(2016, 7, 28, 6, 0, 0, TimeSpan.FromHours(3));
    private const int CyclesPerDay = 300;

    private static readonly (string Code, string Category, decimal Kg, decimal? Kcal)[] Catalogue =
    [
        ("WHEAT-FLOUR-50", "food", 50, 3640), ("RICE-25", "food", 25, 3600), ("SUGAR-50", "food", 50, 4000), ("CANNED-MEAT-12", "food", 5, 2500),
        ("VEG-OIL-5L", "food", 4.6m, 8840), ("WATER-6", "water", 9.2m, null), ("MED-BASIC-KIT", "medical", 45, null), ("TARPAULIN", "shelter", 5, null),
    ];

    public static async Task<IReadOnlyList<BenchmarkResult>> Run(LogisticsBenchmarkOptions options, Action<string> progress)
    {
        var clock = TimeProvider.System;
        var root = Path.Combine(Path.GetTempPath(), "lifeline-bench", Guid.NewGuid().ToString("N"));
        var results = new List<BenchmarkResult>();
        try
        {
            using var benchmarkStore = BenchmarkStore.Create(root, clock, options.Database);
            var directory = benchmarkStore.Directory;
            using var store = directory.OpenStore(clock);
            var (operation, hub, destinations, commodities) = Setup(store, clock);

            progress($"loading stock and movement entries until the log holds {options.Entries:N0}");
            var loaded = store.Read(s => s.Scalar<long>("SELECT count(*) FROM log_entries"));
            var cycle = 0;
            var watch = Stopwatch.StartNew();
            while (loaded < options.Entries)
            {
                var batch = new List<LogCommand>();
                for (var i = 0; i < 100; i++, cycle++)
                {
                    batch.AddRange(Cycle(operation, hub, destinations[cycle % destinations.Length], commodities, cycle, clock));
                }

                if (store.Execute(batch, Bench) is not WriteOutcome.Recorded { } recorded)
                {
                    throw new InvalidOperationException("benchmark logistics were refused");
                }

                var before = loaded;
                loaded += recorded.Receipts.Sum(r => r.Entries.Count);
                if (loaded / 100_000 > before / 100_000)
                {
                    progress($"  {loaded:N0} entries, {watch.Elapsed.TotalSeconds:0} s");
                }
            }

            results.Add(new($"load stock and movement entries (10 per convoy cycle, batches of 100 cycles)", loaded, watch.Elapsed, "(set-up)"));
            var days = (cycle / CyclesPerDay) + 1;
            var operationRecord = store.Read(s => OperationsProjection.Find(s, operation))!;
            var first = DateOnly.FromDateTime(Start.Date);

            foreach (var (label, span) in new[] { ("a week", 7), ("the whole log", days) })
            {
                progress($"{options.Queries:N0} situation reports over {label} of {days} days");
                var random = new Random(2016);
                var latencies = new List<double>();
                watch.Restart();
                for (var q = 0; q < options.Queries; q++)
                {
                    var from = first.AddDays(span >= days ? 0 : random.Next(days - span));
                    var started = Stopwatch.GetTimestamp();
                    var report = store.Read(s => SituationReports.Build(s, operationRecord, from, from.AddDays(span - 1)));
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    GC.KeepAlive(report);
                }

                results.Add(new($"situation report over {label} ({span} days), {loaded:N0} entries in the log", options.Queries, watch.Elapsed, "< 100 ms", Percentiles(latencies)));
            }

            var token = BenchmarkStore.Coordinator(store, operation, clock);
            await using (var app = LifelineHost.Build(store, clock, "http://127.0.0.1:0", directory.Path))
            {
                await app.StartAsync();
                using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                var latencies = new List<double>();
                watch.Restart();
                for (var q = 0; q < options.Queries; q++)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await client.GetAsync($"/operations/{operation}/reports/sitrep?from={first:yyyy-MM-dd}&to={first.AddDays(days - 1):yyyy-MM-dd}");
                    response.EnsureSuccessStatusCode();
                    await response.Content.ReadAsByteArrayAsync();
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                results.Add(new($"GET …/reports/sitrep over the whole log ({days} days)", options.Queries, watch.Elapsed, "< 100 ms", Percentiles(latencies)));
                await app.StopAsync();
            }

            progress($"{options.Manifests:N0} manifests of 50 lines, each in its own durable commit");
            var manifestLatencies = new List<double>();
            watch.Restart();
            for (var m = 0; m < options.Manifests; m++)
            {
                var movement = MovementId.New(clock);
                var plan = Valid(v => PlanMovement.From(operation, movement, "road", hub.Value, destinations[0].Value, Start.AddDays(days), null, null, 2, [new TruckInput("T-50", 40_000, 200)], null, null, v));
                Execute(store, plan);
                var lines = Enumerable.Range(0, 50).Select(i => new ManifestLineInput(commodities[i % commodities.Length].Value, string.Empty, 1 + (i % 3))).ToList();
                var manifest = Valid(v => RecordManifest.From(operation, ManifestId.New(clock), movement, "T-50", lines, v));
                var started = Stopwatch.GetTimestamp();
                Execute(store, manifest);
                manifestLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            results.Add(new("record a 50-line manifest (decide against 50 lines' lots, append, project, sign, durable commit)", options.Manifests, TimeSpan.FromMilliseconds(manifestLatencies.Sum()), "< 10 ms", Percentiles(manifestLatencies)));
            return results;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>One convoy cycle, ten entries: a receipt at the hub, a convoy from plan to delivery, two issues at its destination.</summary>
    private static IEnumerable<LogCommand> Cycle(OperationId operation, SiteId hub, SiteId destination, CommodityId[] commodities, int cycle, TimeProvider clock)
    {
        var at = Start.AddDays(cycle / CyclesPerDay).AddSeconds(cycle % CyclesPerDay * 40);
        var movement = MovementId.New(clock);
        var manifest = ManifestId.New(clock);
        var picked = Enumerable.Range(0, 5).Select(i => commodities[(cycle + i) % commodities.Length]).ToArray();
        var receipt = Valid(v => ReceiveStock.From(operation, hub.Value, picked[0].Value, string.Empty, null, 100, "donor", at, v));
        var plan = Valid(v => PlanMovement.From(operation, movement, "road", hub.Value, destination.Value, at, null, null, 2, [new TruckInput("T", 20_000, 100)], null, null, v));
        var approve = Valid(v => ChangeMovementStatus.From(operation, movement, "approved", null, v));
        var load = Valid(v => ChangeMovementStatus.From(operation, movement, "loading", null, v));
        var lines = picked.Select(c => new ManifestLineInput(c.Value, string.Empty, 10)).ToList();
        var record = Valid(v => RecordManifest.From(operation, manifest, movement, "T", lines, v));
        var arrive = Valid(v => ChangeMovementStatus.From(operation, movement, "arrived", null, v));
        var deliver = Valid(v => RecordDelivery.From(operation, movement, "storekeeper", lines.Select((l, i) => new DeliveryLineInput(manifest.Value, i + 1, i == 0 && cycle % 7 == 0 ? 9 : 10, 0, "one short")).ToList(), at.AddHours(6), v));
        var issues = picked.Take(2).Select(c => Valid(v => IssueStock.From(operation, destination.Value, c.Value, string.Empty, 4, "distribution", at.AddHours(8), v))).ToList();
        return
        [
            new(receipt, OccurredAt: at.AddHours(-1)),
            new(plan, OccurredAt: at.AddHours(-12)),
            new(approve, OccurredAt: at.AddHours(-6)),
            new(load, OccurredAt: at.AddHours(-1)),
            new(record, OccurredAt: at.AddMinutes(-30)),
            new(new DepartMovement(operation, movement, at), OccurredAt: at),
            new(arrive, OccurredAt: at.AddHours(5)),
            new(deliver, OccurredAt: at.AddHours(6)),
            .. issues.Select(issue => new LogCommand(issue, OccurredAt: at.AddHours(8))),
        ];
    }

    private static (OperationId, SiteId, SiteId[], CommodityId[]) Setup(LogStore store, TimeProvider clock)
    {
        var operation = OperationId.New(clock);
        var create = Valid(v => Domain.Operations.CreateOperation.From(operation, "Logistics benchmark", "", new DateOnly(2016, 7, 28), "Asia/Damascus", v));
        var commands = new List<LogCommand> { new(create) };
        var sites = Enumerable.Range(0, 11).Select(i => SiteId.New(clock)).ToArray();
        for (var i = 0; i < sites.Length; i++)
        {
            var site = Valid(v => Domain.Sites.RegisterSite.From(operation, sites[i], i == 0 ? "Hub" : $"Distribution point {i}", i == 0 ? "hub" : "distribution_point", 36 + (i / 100.0), 37.1, null, v));
            commands.Add(new(site));
        }

        var commodities = Catalogue.Select(_ => CommodityId.New(clock)).ToArray();
        for (var i = 0; i < Catalogue.Length; i++)
        {
            var (code, category, kg, kcal) = Catalogue[i];
            var register = Valid(v => RegisterCommodity.From(operation, commodities[i], code, code, category, "bag", kg, kcal, 0.05m, false, v));
            commands.Add(new(register));
            var stock = Valid(v => ReceiveStock.From(operation, sites[0].Value, commodities[i].Value, string.Empty, null, 1_000_000, "opening stock", Start.AddDays(-1), v));
            commands.Add(new(stock, OccurredAt: Start.AddDays(-1)));
        }

        if (store.Execute(commands, Bench) is not WriteOutcome.Recorded)
        {
            throw new InvalidOperationException("benchmark set-up was refused");
        }

        return (operation, sites[0], sites[1..], commodities);
    }

    private static void Execute(LogStore store, IOperationCommand command)
    {
        if (store.Execute(new LogCommand(command), Bench) is not WriteOutcome.Recorded)
        {
            throw new InvalidOperationException("a benchmark command was refused");
        }
    }

    private static T Valid<T>(Func<Validation, T?> parse)
        where T : class => parse(new Validation()) ?? throw new InvalidOperationException($"benchmark {typeof(T).Name} does not validate");

    private static string Percentiles(IReadOnlyList<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.50):0.00} ms, p99 {At(0.99):0.00} ms, max {sorted[^1]:0.00} ms");
    }
}
