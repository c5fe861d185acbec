using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Primitives;
using Lifeline.Server;
using Lifeline.Storage.Corridors;
using Lifeline.Storage.Writing;
using NodaTime;

namespace Lifeline.Benchmarks;

public sealed record PassageBenchmarkOptions(int Requests, int Clients, int Passages, int Queries, string? Database = null)
{
    public static PassageBenchmarkOptions Parse(string[] args)
    {
        int Int(string name, int fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new(Int("--requests", 20_000), Int("--clients", 32), Int("--passages", 1_000_000), Int("--queries", 1_000), BenchmarkStore.DatabaseOption(args));
    }
}

/// <summary>
/// Checkpoint officers recording passages through the HTTP API on loopback, and coordinators reading a
/// corridor's day of flow once the log holds many passages.
/// </summary>
public static class PassageBenchmark
{
    private static readonly Author Bench = new("benchmark", "bench");
    private static readonly DateTimeOffset Start = new(2016, 7, 28, 0, 0, 0, TimeSpan.FromHours(3));

    public static async Task<IReadOnlyList<BenchmarkResult>> Run(PassageBenchmarkOptions options, Action<string> progress)
    {
        var clock = TimeProvider.System;
        var root = Path.Combine(Path.GetTempPath(), "lifeline-bench", Guid.NewGuid().ToString("N"));
        var results = new List<BenchmarkResult>();
        try
        {
            using var benchmarkStore = BenchmarkStore.Create(root, clock, options.Database);
            var directory = benchmarkStore.Directory;
            using var store = directory.OpenStore(clock);
            var (operation, corridor, gate) = Setup(store, clock);
            var token = BenchmarkStore.Coordinator(store, operation, clock);
            await using var app = LifelineHost.Build(store, clock, "http://127.0.0.1:0", directory.Path);
            await app.StartAsync();
            var url = app.Urls.First();

            progress($"{options.Requests:N0} passages over HTTP from {options.Clients} concurrent clients to {url}");
            results.Add(await RecordOverHttp(url, token, operation, corridor, gate, options));

            var loaded = options.Requests;
            progress($"loading passages directly until the log holds {options.Passages:N0}");
            var random = new Random(2016);
            while (loaded < options.Passages)
            {
                var batch = Enumerable.Range(0, Math.Min(1000, options.Passages - loaded)).Select(i => Passage(operation, corridor, gate, loaded + i, random, clock)).ToList();
                var outcome = store.Execute(batch, Bench);
                if (outcome is not WriteOutcome.Recorded)
                {
                    throw new InvalidOperationException($"benchmark passages were refused: {outcome}");
                }

                loaded += batch.Count;
                if (loaded % 100_000 == 0)
                {
                    progress($"  {loaded:N0}");
                }
            }

            var zone = DateTimeZoneProviders.Tzdb["Asia/Damascus"];
            var days = (int)Math.Ceiling((double)options.Passages / PassagesPerDay) + 1;
            progress($"{options.Queries:N0} queries for one corridor-day of flow, read from the projection");
            var latencies = new List<double>();
            var watch = Stopwatch.StartNew();
            for (var q = 0; q < options.Queries; q++)
            {
                var day = Start.AddDays(random.Next(days));
                var started = Stopwatch.GetTimestamp();
                var flow = store.Read(session => Flow.ByLocalDay(
                    PassagesProjection.Hourly(session, corridor, day, day.AddDays(1))
                        .Select(h => new FlowBucket(Instant.FromDateTimeOffset(h.HourStart), Instant.FromDateTimeOffset(h.HourStart.AddHours(1)), h.People, h.OutOfWindowPeople, h.Passages)),
                    zone));
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                GC.KeepAlive(flow);
            }

            results.Add(new($"a day's flow over {options.Passages:N0} passages (store)", options.Queries, watch.Elapsed, "< 20 ms", Percentiles(latencies)));

            using var client = new HttpClient { BaseAddress = new Uri(url) };
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            latencies.Clear();
            watch.Restart();
            for (var q = 0; q < options.Queries; q++)
            {
                var day = Start.AddDays(random.Next(days));
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync($"/operations/{operation}/corridors/{corridor}/flow?by=day&from={Uri.EscapeDataString(day.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(day.AddDays(1).ToString("O", CultureInfo.InvariantCulture))}");
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            results.Add(new($"a day's flow over {options.Passages:N0} passages (HTTP)", options.Queries, watch.Elapsed, "< 20 ms", Percentiles(latencies)));
            await app.StopAsync();
            return results;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private const int PassagesPerDay = 2_000;

    private static async Task<BenchmarkResult> RecordOverHttp(string url, string token, OperationId operation, CorridorId corridor, SiteId gate, PassageBenchmarkOptions options)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var latencies = new double[options.Requests];
        var next = -1;
        var failures = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < options.Requests)
            {
                var body = new
                {
                    corridorId = corridor.Value,
                    checkpointId = gate.Value,
                    occurredAt = At(i),
                    counts = new[] { new { category = "civilians", sex = "female", ageBand = "18-59", count = 1 + (i % 9) }, new { category = "civilians", sex = "male", ageBand = "0-4", count = i % 3 } },
                };
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsJsonAsync($"/operations/{operation}/passages", body);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        watch.Stop();
        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} of {options.Requests} passages were refused");
        }

        return new($"record a passage over HTTP, {options.Clients} clients", options.Requests, watch.Elapsed, ">= 2,000/s, p99 < 50 ms", Percentiles(latencies));
    }

    private static string Percentiles(IReadOnlyList<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.50):0.00} ms, p99 {At(0.99):0.00} ms, max {sorted[^1]:0.00} ms");
    }

    /// <summary>Passage i's time: spread over days between 06:00 and 20:00, inside the daily window whatever the season.</summary>
    private static DateTimeOffset At(int i) => Start.AddDays(i / PassagesPerDay).AddHours(6).AddSeconds(i % PassagesPerDay * 25);

    private static LogCommand Passage(OperationId operation, CorridorId corridor, SiteId gate, int i, Random random, TimeProvider clock)
    {
        var command = RecordPassage.From(
            operation,
            PassageId.New(clock),
            corridor.Value,
            gate.Value,
            "outbound",
            At(i),
            [new("civilians", "female", "18-59", random.Next(1, 20)), new("civilians", "male", "5-11", random.Next(0, 8)), new("civilians", "unknown", "60+", random.Next(0, 3))],
            null,
            null,
            null,
            null,
            null,
            new Validation())!;
        return new LogCommand(command, OccurredAt: command.OccurredAt);
    }

    private static (OperationId Operation, CorridorId Corridor, SiteId Gate) Setup(LogStore store, TimeProvider clock)
    {
        var operation = OperationId.New(clock);
        var gate = SiteId.New(clock);
        var crossing = SiteId.New(clock);
        var corridor = CorridorId.New(clock);
        T Valid<T>(Func<Validation, T?> parse)
            where T : class => parse(new Validation()) ?? throw new InvalidOperationException($"benchmark {typeof(T).Name} does not validate");
        var create = Valid(v => Domain.Operations.CreateOperation.From(operation, "Benchmark", "", new DateOnly(2016, 7, 28), "Asia/Damascus", v));
        var sites = new[] { (gate, "Gate", 36.20), (crossing, "Crossing", 36.19) }
            .Select(s => Valid(v => Domain.Sites.RegisterSite.From(operation, s.Item1, s.Item2, "checkpoint", s.Item3, 37.15, null, v))).ToList();
        var define = Valid(v => DefineCorridor.From(operation, corridor, "Benchmark corridor", "LineString", [[37.15, 36.20], [37.15, 36.19]], [gate.Value, crossing.Value], ["civilians"], 500, "Benchmark", "outbound", v));
        var open = Valid(v => ChangeCorridorStatus.From(operation, corridor, "open", "benchmark", "benchmark", v));
        var window = Valid(v => ScheduleWindow.From(operation, [corridor], "daily", null, null, "2016-07-01", null, "00:00", "23:59", null, "benchmark", v));
        var commands = new List<LogCommand>
        {
            new(create),
            new(sites[0]),
            new(sites[1]),
            new(define),
            new(open, OccurredAt: Start.AddDays(-1)),
            new(window),
        };
        if (store.Execute(commands, Bench) is not WriteOutcome.Recorded)
        {
            throw new InvalidOperationException("benchmark set-up was refused");
        }

        return (operation, corridor, gate);
    }
}
