using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Lifeline.Domain.Commodities;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Operations;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;
using Lifeline.Storage;
using Lifeline.Storage.Accounts;
using Lifeline.Storage.Writing;

namespace Lifeline.Testing.Crashing;

/// <param name="LifelineDll">The built <c>lifeline.dll</c>, run with <c>dotnet</c> as an operator would.</param>
/// <param name="Data">An initialised data directory (its database the embedded file or a PostgreSQL schema).</param>
/// <param name="Loops">How many times the server is killed.</param>
/// <param name="Clients">Concurrent clients recording passages and stock receipts.</param>
/// <param name="Seed">Seeds the moments of the kills, so a failing run can be repeated.</param>
/// <param name="RestartDatabase">
/// Restarts the database at once (PostgreSQL's <c>pg_ctl restart -m immediate</c>), returning when it accepts
/// connections again; when given, every second loop restarts it under load before the kill, and the same server
/// process must record again within a minute, with no promise broken.
/// </param>
public sealed record CrashLoopOptions(string LifelineDll, string Data, int Loops, int Clients = 8, int Seed = 2016, Func<Task>? RestartDatabase = null);

/// <summary>What a crash loop did: writes acknowledged before a kill, and what became of those cut off by it.</summary>
/// <param name="Loops">How many times the server was killed and started again.</param>
/// <param name="Acknowledged">Writes whose receipt reached the client, over all loops and retries.</param>
/// <param name="CutOff">Writes sent while the server was killed, with no answer.</param>
/// <param name="CommittedBeforeKill">Of those, retries answered with the receipt of an entry committed before the kill.</param>
/// <param name="RecordedOnRetry">Of those, retries that recorded for the first time.</param>
/// <param name="Entries">Entries in the log at the end.</param>
/// <param name="Elapsed">How long the loop took, starts and verification included.</param>
/// <param name="DatabaseRestarts">How many times the database was restarted under load.</param>
public sealed record CrashLoopReport(int Loops, int Acknowledged, int CutOff, int CommittedBeforeKill, int RecordedOnRetry, long Entries, TimeSpan Elapsed, int DatabaseRestarts = 0);

/// <summary>A promise of the store that a crash loop found broken.</summary>
public class CrashLoopException(string message) : Exception(message);

/// <summary>The server answered 5xx: a broken promise, unless the database was restarting under it.</summary>
public sealed class ServerError(string message) : CrashLoopException(message);

/// <summary>
/// Crash testing against the real server: <c>lifeline serve</c> runs as a child process while concurrent clients
/// record passages and stock receipts over HTTP, each with its own idempotency key; the process is killed with
/// SIGKILL at a random moment, started again, and every key of the loop is sent again. A receipt is a promise:
/// every acknowledged write must come back, on retry, with the same sequence and hash; a write cut off by the kill
/// is either replayed (it had committed) or recorded now, never twice. At the end, every receipt is looked up in
/// the log, no key is on two entries, and <c>lifeline verify --projections</c> must pass.
/// </summary>
public static class CrashLoop
{
    private static readonly DateTimeOffset Day = new(2016, 7, 28, 6, 0, 0, TimeSpan.FromHours(3));

    public static async Task<CrashLoopReport> Run(CrashLoopOptions options, Action<string> progress)
    {
        var watch = Stopwatch.StartNew();
        var scenario = Prepare(options.Data);
        var random = new Random(options.Seed);
        var acknowledged = new ConcurrentDictionary<string, Write>(StringComparer.Ordinal);
        var (cutOff, committed, recorded, sent, restarts) = (0, 0, 0, 0, 0);
        var restarting = false;
        var server = await Server.Start(options);
        try
        {
            for (var loop = 1; loop <= options.Loops; loop++)
            {
                var loopWrites = new ConcurrentBag<Write>();
                using var stop = new CancellationTokenSource();
                var clients = Enumerable.Range(0, options.Clients)
                    .Select(client => Client(server.Url, scenario, client, () => Interlocked.Increment(ref sent), () => Volatile.Read(ref restarting), loopWrites, stop.Token))
                    .ToList();

                // Killed while clients are writing (once the first receipt is back, so the server is warm), at a
                // moment of the seed's choosing.
                var started = Stopwatch.StartNew();
                while (!loopWrites.Any(w => w.Receipt is not null) && started.Elapsed < TimeSpan.FromMinutes(1) && !clients.Any(c => c.IsFaulted))
                {
                    await Task.Delay(10);
                }

                await Task.Delay(random.Next(20, 600));
                if (options.RestartDatabase is { } restart && loop % 2 == 0)
                {
                    // The database restarts under load: writes in flight may fail with 5xx (to be retried with their
                    // keys below), and the same server process must record again without being restarted itself.
                    Volatile.Write(ref restarting, true);
                    var before = loopWrites.Count(w => w.Receipt is not null);
                    await restart();
                    restarts++;
                    var waiting = Stopwatch.StartNew();
                    while (loopWrites.Count(w => w.Receipt is not null) <= before + options.Clients)
                    {
                        if (clients.FirstOrDefault(c => c.IsFaulted) is { } faulted)
                        {
                            await faulted;
                        }

                        if (waiting.Elapsed > TimeSpan.FromMinutes(1))
                        {
                            throw new CrashLoopException($"loop {loop}: the server recorded nothing in the minute after the database restarted");
                        }

                        await Task.Delay(20);
                    }

                    await Task.Delay(random.Next(20, 300));
                }

                server.Kill();
                await stop.CancelAsync();
                await Task.WhenAll(clients);
                server.Dispose();

                Volatile.Write(ref restarting, false);
                server = await Server.Start(options);
                var answers = await Task.WhenAll(loopWrites.Select(async write => (Write: write, Again: await Send(server.Url, scenario, write.Request, CancellationToken.None))));
                foreach (var (write, again) in answers)
                {
                    if (again is null)
                    {
                        throw new CrashLoopException($"loop {loop}: the restarted server did not answer the retry of key {write.Request.Key}");
                    }

                    if (write.Receipt is { } first)
                    {
                        if (!again.Replayed || again.Sequence != first.Sequence || again.Hash != first.Hash)
                        {
                            throw new CrashLoopException($"loop {loop}: key {write.Request.Key} was acknowledged as entry {first.Sequence} ({first.Hash}) before the kill, but its retry answered entry {again.Sequence} ({again.Hash}, replayed: {again.Replayed})");
                        }

                        acknowledged[write.Request.Key] = write;
                    }
                    else
                    {
                        cutOff++;
                        if (again.Replayed)
                        {
                            committed++;
                        }
                        else
                        {
                            recorded++;
                        }

                        acknowledged[write.Request.Key] = write with { Receipt = again };
                    }
                }

                progress($"loop {loop} at {watch.Elapsed.TotalSeconds:0.0} s: {(options.RestartDatabase is not null && loop % 2 == 0 ? "database restarted, then " : "")}killed after {loopWrites.Count(w => w.Receipt is not null)} acknowledged writes and {loopWrites.Count(w => w.Receipt is null)} cut off; all answered again after restart");
            }
        }
        finally
        {
            await server.Stop();
        }

        var entries = CheckLog(options.Data, scenario, acknowledged.Values);
        var verify = await Lifeline(options.LifelineDll, "verify", "--data", options.Data, "--projections");
        if (verify.ExitCode != 0)
        {
            throw new CrashLoopException($"lifeline verify --projections failed after the crash loop (exit {verify.ExitCode}): {verify.Error}");
        }

        return new CrashLoopReport(options.Loops, acknowledged.Count, cutOff, committed, recorded, entries, watch.Elapsed, restarts);
    }

    /// <summary>An operation with one corridor open all day, a warehouse and a commodity, and a coordinator's API token.</summary>
    private static Scenario Prepare(string data)
    {
        var clock = TimeProvider.System;
        var directory = DataDirectory.Open(data);
        using var held = directory.Lock();
        using var store = directory.OpenStore(clock);
        var operation = OperationId.New(clock);
        var gate = SiteId.New(clock);
        var crossing = SiteId.New(clock);
        var warehouse = SiteId.New(clock);
        var corridor = CorridorId.New(clock);
        var commodity = CommodityId.New(clock);
        T Valid<T>(Func<Validation, T?> parse)
            where T : class => parse(new Validation()) ?? throw new InvalidOperationException($"the crash scenario's {typeof(T).Name} does not validate");
        var commands = new List<LogCommand>
        {
            new(Valid(v => CreateOperation.From(operation, "Crash loop", "", new DateOnly(2016, 7, 28), "Asia/Damascus", v))),
            new(Valid(v => RegisterSite.From(operation, gate, "Gate", "checkpoint", 36.20, 37.15, null, v))),
            new(Valid(v => RegisterSite.From(operation, crossing, "Crossing", "checkpoint", 36.19, 37.15, null, v))),
            new(Valid(v => RegisterSite.From(operation, warehouse, "Warehouse", "warehouse", 36.21, 37.16, null, v))),
            new(Valid(v => RegisterCommodity.From(operation, commodity, "WHEAT-FLOUR-50", "Wheat flour, 50 kg bag", "food", "bag", 50m, 3640m, 0.07m, false, v))),
            new(Valid(v => DefineCorridor.From(operation, corridor, "Crash corridor", "LineString", [[37.15, 36.20], [37.15, 36.19]], [gate.Value, crossing.Value], ["civilians"], 500, "Crash", "outbound", v))),
            new(Valid(v => ChangeCorridorStatus.From(operation, corridor, "open", "crash loop", "crash loop", v)), OccurredAt: Day.AddDays(-1)),
            new(Valid(v => ScheduleWindow.From(operation, [corridor], "daily", null, null, "2016-07-01", null, "00:00", "23:59", null, "crash loop", v))),
        };
        if (store.Execute(commands, new Author("crash-loop", "harness")) is not WriteOutcome.Recorded)
        {
            throw new InvalidOperationException("the crash scenario was refused");
        }

        const string username = "crash-coordinator";
        var account = Users.Add(store, username, Users.GeneratePassword(username), administrator: false, clock.GetUtcNow()).Account
            ?? throw new InvalidOperationException("the crash loop's user was refused");
        Users.Grant(store, username, operation, Role.Coordinator, []);
        var token = store.WriteAside(session => Accounts.IssueToken(session, account.Id, "crash-loop", clock.GetUtcNow())).Secret;
        return new Scenario(operation.Value, corridor.Value, gate.Value, warehouse.Value, commodity.Value, token);
    }

    /// <summary>
    /// One client: passages and stock receipts in turn, each with a new key, until the server is gone. While the
    /// database restarts, a 5xx answer is a write cut off like any other (retried after the kill), not a broken promise.
    /// </summary>
    private static async Task Client(Uri url, Scenario scenario, int client, Func<int> next, Func<bool> restarting, ConcurrentBag<Write> writes, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var n = next();
            // Between 06:00 and 19:53 on the first day, always inside the corridor's daily window, however long the run.
            var at = Day.AddSeconds(n % 50_000).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
            var request = n % 2 == 0
                ? new WriteRequest(
                    $"crash-{client}-{n}",
                    $"/operations/{scenario.Operation}/passages",
                    $$"""{"corridorId":"{{scenario.Corridor}}","checkpointId":"{{scenario.Gate}}","occurredAt":"{{at}}","counts":[{"category":"civilians","sex":"female","ageBand":"18-59","count":{{1 + (n % 7)}}}]}""")
                : new WriteRequest(
                    $"crash-{client}-{n}",
                    $"/operations/{scenario.Operation}/stock/receipts",
                    $$"""{"siteId":"{{scenario.Warehouse}}","commodityId":"{{scenario.Commodity}}","quantity":{{1 + (n % 5)}},"source":"crash loop","occurredAt":"{{at}}"}""");
            Answer? answer;
            try
            {
                answer = await Send(url, scenario, request, stop);
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException)
            {
                answer = null;
            }
            catch (ServerError) when (restarting())
            {
                writes.Add(new Write(request, null));
                await Task.Delay(50, CancellationToken.None);
                continue;
            }

            writes.Add(new Write(request, answer));
            if (answer is null)
            {
                return;
            }
        }
    }

    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(1), MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Sends one write; its receipt, or null when the server is gone. Any refusal is a broken promise.</summary>
    private static async Task<Answer?> Send(Uri url, Scenario scenario, WriteRequest request, CancellationToken cancel)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(url, request.Path))
        {
            Content = new StringContent(request.Body, Encoding.UTF8, "application/json"),
        };
        message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", scenario.Token);
        message.Headers.Add("Idempotency-Key", request.Key);
        using var response = await Http.SendAsync(message, cancel);
        var body = await response.Content.ReadAsStringAsync(cancel);
        if ((int)response.StatusCode >= 500)
        {
            throw new ServerError($"POST {request.Path} with key {request.Key} answered {(int)response.StatusCode}: {body}");
        }

        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            throw new CrashLoopException($"POST {request.Path} with key {request.Key} answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        var receipt = json.RootElement.GetProperty("receipt");
        var entry = receipt.GetProperty("entries")[0];
        return new Answer(entry.GetProperty("sequence").GetInt64(), entry.GetProperty("hash").GetString()!, receipt.GetProperty("replayed").GetBoolean());
    }

    /// <summary>Every receipt is an entry of the log with its sequence and hash, and no key is on two entries.</summary>
    private static long CheckLog(string data, Scenario scenario, IEnumerable<Write> writes)
    {
        using var database = DataDirectory.Open(data).OpenDatabase();
        using var session = database.Open(readOnly: true);
        var entries = session.Query(
            "SELECT sequence, hash, idempotency_key FROM log_entries WHERE operation_id = $op AND idempotency_key IS NOT NULL",
            row => (Sequence: row.GetInt64(0), Hash: Convert.ToHexStringLower(row.GetFieldValue<byte[]>(1)), Key: row.GetString(2)),
            ("$op", scenario.Operation));
        if (entries.GroupBy(e => e.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new CrashLoopException($"key {twice.Key} is on {twice.Count()} entries: {string.Join(", ", twice.Select(e => e.Sequence))}");
        }

        var bySequence = entries.ToDictionary(e => e.Sequence);
        foreach (var write in writes)
        {
            var receipt = write.Receipt!;
            if (!bySequence.TryGetValue(receipt.Sequence, out var entry) || !string.Equals(entry.Hash, receipt.Hash, StringComparison.OrdinalIgnoreCase) || entry.Key != write.Request.Key)
            {
                throw new CrashLoopException($"the receipt of key {write.Request.Key}, entry {receipt.Sequence} ({receipt.Hash}), is not in the log as acknowledged");
            }
        }

        return session.Scalar<long>("SELECT count(*) FROM log_entries");
    }

    private static async Task<(int ExitCode, string Output, string Error)> Lifeline(string dll, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private sealed record Scenario(Guid Operation, Guid Corridor, Guid Gate, Guid Warehouse, Guid Commodity, string Token);

    private sealed record WriteRequest(string Key, string Path, string Body);

    private sealed record Answer(long Sequence, string Hash, bool Replayed);

    /// <summary>A write sent in a loop, with its receipt if one came back before the kill.</summary>
    private sealed record Write(WriteRequest Request, Answer? Receipt);

    /// <summary><c>lifeline serve</c> as a child process on a port of its own choosing.</summary>
    private sealed class Server : IDisposable
    {
        private readonly Process _process;

        private Server(Process process, Uri url)
        {
            _process = process;
            Url = url;
        }

        public Uri Url { get; }

        public static async Task<Server> Start(CrashLoopOptions options)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { options.LifelineDll, "serve", "--data", options.Data, "--urls", "http://127.0.0.1:0" })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start)!;
            var serving = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            var errors = new StringBuilder();
            process.OutputDataReceived += (_, line) =>
            {
                if (line.Data is { } text && text.StartsWith("Lifeline is serving ", StringComparison.Ordinal))
                {
                    serving.TrySetResult(new Uri(text.Split(' ')[3]));
                }
            };
            process.ErrorDataReceived += (_, line) =>
            {
                lock (errors)
                {
                    errors.AppendLine(line.Data);
                }
            };
            process.EnableRaisingEvents = true;
            process.Exited += (_, _) => serving.TrySetException(new CrashLoopException($"lifeline serve exited with {process.ExitCode} before serving: {errors}"));
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var url = await serving.Task.WaitAsync(TimeSpan.FromMinutes(2));
            return new Server(process, url);
        }

        /// <summary>SIGKILL: no shutdown, no flush, no chance to finish a commit.</summary>
        public void Kill()
        {
            _process.Kill();
            _process.WaitForExit();
        }

        /// <summary>SIGTERM, as an operator stops it, and waits for it to exit.</summary>
        public async Task Stop()
        {
            if (_process.HasExited)
            {
                _process.Dispose();
                return;
            }

            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await _process.WaitForExitAsync(timeout.Token);
            _process.Dispose();
        }

        public void Dispose() => _process.Dispose();
    }
}
