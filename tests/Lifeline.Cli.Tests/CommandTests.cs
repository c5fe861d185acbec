using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Lifeline.Testing;

namespace Lifeline.Cli.Tests;

public partial class CommandTests
{
    [GeneratedRegex(@"Lifeline is serving (?<url>http://\S+)")]
    private static partial Regex ServingLine();

    [GeneratedRegex(@"^\s+coordinator\s+(?<username>\S+)\s+(?<password>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex CoordinatorLine();

    /// <summary>Runs <c>lifeline demo</c> in-process until /health answers, then stops it.</summary>
    private static async Task<(int ExitCode, string Output, string Health)> RunDemoUntilHealthy(string data)
    {
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = Task.Run(() => LifelineCommand.RunAsync(["demo", "--data", data, "--urls", "http://127.0.0.1:0"], synchronized, synchronized, stop.Token));
        string? url = null;
        while (url is null && !run.IsCompleted)
        {
            await Task.Delay(50);
            lock (synchronized)
            {
                var match = ServingLine().Match(output.ToString());
                url = match.Success ? match.Groups["url"].Value : null;
            }
        }

        Assert.True(url is not null, $"demo did not start: {output}");
        using var client = new HttpClient();
        var health = await client.GetStringAsync($"{url}/health");

        // The quick start: sign in with what the demo printed and read the operation.
        var coordinator = CoordinatorLine().Match(output.ToString());
        Assert.True(coordinator.Success, $"the demo printed no coordinator: {output}");
        using var tokenResponse = await client.PostAsJsonAsync($"{url}/account/token", new { username = coordinator.Groups["username"].Value, password = coordinator.Groups["password"].Value, device = "test" });
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["token"].ToString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var operations = await client.GetFromJsonAsync<List<Dictionary<string, object>>>($"{url}/operations");
        Assert.Single(operations!);
        await stop.CancelAsync();
        var exit = await run;
        return (exit, output.ToString(), health);
    }

    private static long EntriesIn(string data)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(data, "lifeline.db")};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM log_entries";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Demo_starts_answers_health_and_its_log_verifies()
    {
        using var temp = new TempDirectory();
        var data = temp.File("demo");

        var (exit, output, health) = await RunDemoUntilHealthy(data);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("\"status\":\"healthy\"", health, StringComparison.Ordinal);
        Assert.Contains("Demo operation 'Aleppo 2016 (illustrative reconstruction)'", output, StringComparison.Ordinal);

        var verify = await LifelineProcess.RunAsync("verify", "--data", data);
        Assert.Equal(ExitCodes.Ok, verify.ExitCode);
        Assert.Contains($"Verified {EntriesIn(data)} entries and 1 signed checkpoints in 1 operation log(s)", verify.Output, StringComparison.Ordinal);
        Assert.True(EntriesIn(data) > 60, "the demo holds its set-up and a few days of passages");
    }

    [Fact]
    public async Task Running_the_demo_twice_loads_it_once()
    {
        using var temp = new TempDirectory();
        var data = temp.File("demo");

        await RunDemoUntilHealthy(data);
        var first = EntriesIn(data);
        await RunDemoUntilHealthy(data);

        Assert.Equal(first, EntriesIn(data));
    }

    [Fact]
    public async Task Verify_of_a_tampered_database_exits_1_and_names_the_entry()
    {
        using var temp = new TempDirectory();
        var data = temp.File("demo");
        await RunDemoUntilHealthy(data);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var database = Path.Combine(data, "lifeline.db");
        var bytes = await File.ReadAllBytesAsync(database);
        var marker = Encoding.UTF8.GetBytes("\"name\":\"Saraqib conflict zone\"");
        var at = bytes.AsSpan().IndexOf(marker);
        Assert.True(at > 0);
        bytes[at + 8] ^= 0x01;
        await File.WriteAllBytesAsync(database, bytes);

        var verify = await LifelineProcess.RunAsync("verify", "--data", data);

        Assert.Equal(ExitCodes.Failed, verify.ExitCode);
        Assert.Matches(@"FAILED: entry 14 of log [0-9a-f-]+: its content does not match its hash", verify.Error);
        Assert.Contains(database, verify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_creates_an_operation_and_prints_the_public_key_that_public_key_prints_again()
    {
        using var temp = new TempDirectory();
        var data = temp.File("op");

        var init = await LifelineProcess.RunAsync("init", "--data", data, "--operation", "Aleppo 2016", "--time-zone", "Asia/Damascus", "--start-date", "2016-07-28");
        var key = await LifelineProcess.RunAsync("public-key", "--data", data);

        Assert.Equal(ExitCodes.Ok, init.ExitCode);
        Assert.Contains("Operation 'Aleppo 2016'", init.Output, StringComparison.Ordinal);
        var base64 = key.Output.Split(' ')[0];
        Assert.Equal(44, base64.Length);
        Assert.Contains(base64, init.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_on_an_initialised_directory_exits_3_naming_it()
    {
        using var temp = new TempDirectory();
        var data = temp.File("op");
        await LifelineProcess.RunAsync("init", "--data", data, "--operation", "First");

        var again = await LifelineProcess.RunAsync("init", "--data", data, "--operation", "Second");

        Assert.Equal(ExitCodes.DataDirectory, again.ExitCode);
        Assert.Contains(data, again.Error, StringComparison.Ordinal);
        Assert.Contains("already initialised", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_with_an_unknown_time_zone_exits_2_naming_the_option_and_creates_nothing()
    {
        using var temp = new TempDirectory();
        var data = temp.File("op");

        var init = await LifelineProcess.RunAsync("init", "--data", data, "--operation", "X", "--time-zone", "Asia/Aleppo");

        Assert.Equal(ExitCodes.Usage, init.ExitCode);
        Assert.Contains("--time-zone", init.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public async Task Verify_of_a_missing_directory_exits_3_naming_it()
    {
        using var temp = new TempDirectory();
        var missing = temp.File("nowhere");

        var verify = await LifelineProcess.RunAsync("verify", "--data", missing);

        Assert.Equal(ExitCodes.DataDirectory, verify.ExitCode);
        Assert.Contains(missing, verify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_option_exits_2_naming_it()
    {
        var verify = await LifelineProcess.RunAsync("verify");

        Assert.Equal(ExitCodes.Usage, verify.ExitCode);
        Assert.Contains("--data", verify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_exits_2()
    {
        var result = await LifelineProcess.RunAsync("launch");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("launch", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_on_a_directory_locked_by_another_process_exits_3_naming_the_lock()
    {
        using var temp = new TempDirectory();
        var data = temp.File("op");
        await LifelineProcess.RunAsync("init", "--data", data, "--operation", "Locked");
        var directory = Storage.DataDirectory.Open(data);
        using var held = directory.Lock();

        var serve = await LifelineProcess.RunAsync("serve", "--data", data, "--urls", "http://127.0.0.1:0");

        Assert.Equal(ExitCodes.DataDirectory, serve.ExitCode);
        Assert.Contains(directory.LockPath, serve.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rebuild_of_a_database_from_a_newer_schema_exits_3_naming_the_file()
    {
        using var temp = new TempDirectory();
        var data = temp.File("op");
        await LifelineProcess.RunAsync("init", "--data", data, "--operation", "Future");
        var database = Path.Combine(data, "lifeline.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', '2030-01-01')";
            command.ExecuteNonQuery();
        }

        var rebuild = await LifelineProcess.RunAsync("rebuild", "--data", data);

        Assert.Equal(ExitCodes.DataDirectory, rebuild.ExitCode);
        Assert.Contains(database, rebuild.Error, StringComparison.Ordinal);
        Assert.Contains("schema version 99", rebuild.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_stops_on_SIGTERM_with_exit_code_0_and_releases_the_lock()
    {
        using var temp = new TempDirectory();
        var data = temp.File("op");
        await LifelineProcess.RunAsync("init", "--data", data, "--operation", "Signals");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "lifeline.dll"), "serve", "--data", data, "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        using var serve = System.Diagnostics.Process.Start(start)!;
        string? line;
        while ((line = await serve.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith("Lifeline is serving", StringComparison.Ordinal))
        {
        }

        Assert.NotNull(line);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", serve.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await serve.WaitForExitAsync(timeout.Token);
        Assert.Equal(ExitCodes.Ok, serve.ExitCode);
        using var held = Storage.DataDirectory.Open(data).Lock();
    }

    [Fact]
    public async Task Rebuild_replays_every_entry()
    {
        using var temp = new TempDirectory();
        var data = temp.File("demo");
        await RunDemoUntilHealthy(data);

        var rebuild = await LifelineProcess.RunAsync("rebuild", "--data", data);

        Assert.Equal(ExitCodes.Ok, rebuild.ExitCode);
        Assert.Contains($"from {EntriesIn(data)} log entries", rebuild.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_and_help_describe_the_command()
    {
        var version = await LifelineProcess.RunAsync("--version");
        var help = await LifelineProcess.RunAsync("--help");

        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("0.1.0", version.Output, StringComparison.Ordinal);
        foreach (var command in new[] { "init", "serve", "demo", "verify", "rebuild", "public-key" })
        {
            Assert.Contains(command, help.Output, StringComparison.Ordinal);
        }
    }
}
