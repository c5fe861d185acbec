using Lifeline.Testing;

namespace Lifeline.Planning.Benchmarks.Tests;

public sealed class ResultLedgerTests : IDisposable
{
    private static readonly IReadOnlyDictionary<string, string> Configuration =
        BenchmarkOptions.Parse(["--standard", "--cpu-time"]).Configuration("0.1.0+abc");

    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Outcomes_appended_are_there_when_the_ledger_is_opened_again()
    {
        var path = _folder.File("run.tsv");
        var ledger = ResultLedger.Open(path, Configuration);
        Assert.False(ledger.Has("X-n101-k25", "lifeline"));

        ledger.Append("X-n101-k25", "lifeline", 100, 240, 27591, new SolverOutcome(true, 27591, 12.345, 98765, 3, 81.24));
        ledger.Append("X-n101-k25", "ortools", 100, 240, 27591, new SolverOutcome(false, 29000.5, null, null));
        var reopened = ResultLedger.Open(path, Configuration);

        Assert.Equal(new SolverOutcome(true, 27591, 12.35, 98765, 3, 81.2), reopened.Outcome("X-n101-k25", "lifeline"));
        Assert.Equal(new SolverOutcome(false, 29000.5, null, null), reopened.Outcome("X-n101-k25", "ortools"));
        Assert.Equal(100, reopened.Clients("X-n101-k25"));
        Assert.Null(reopened.Clients("X-n106-k14"));
        Assert.Null(reopened.Outcome("X-n106-k14", "lifeline"));
        var lines = File.ReadAllLines(path);
        Assert.Equal("# Lifeline planning benchmark ledger", lines[0]);
        Assert.Equal("# set=x limit=2.4n seed=1 clock=thread-cpu build=0.1.0+abc", lines[1]);
        Assert.Equal(5, lines.Length);
    }

    [Theory]
    [InlineData("build", "0.1.0+def")]
    [InlineData("seed", "2")]
    [InlineData("clock", "wall")]
    public void A_run_with_another_configuration_is_refused_naming_what_differs(string key, string value)
    {
        var path = _folder.File("run.tsv");
        ResultLedger.Open(path, Configuration).Append("X-n101-k25", "lifeline", 100, 240, 27591, new SolverOutcome(true, 27600, 1, 1));
        var before = File.ReadAllText(path);
        var other = new Dictionary<string, string>(Configuration) { [key] = value };

        var error = Assert.Throws<InvalidOperationException>(() => ResultLedger.Open(path, other));

        Assert.Contains($"written with {key}={Configuration[key]} but this run has {key}={value}", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public void A_file_that_is_not_a_ledger_is_refused_and_left_alone()
    {
        var path = _folder.File("notes.tsv");
        File.WriteAllText(path, "instance\tcost\nX-n101-k25\t27591\n");

        var error = Assert.Throws<InvalidDataException>(() => ResultLedger.Open(path, Configuration));

        Assert.Contains("not a benchmark ledger", error.Message, StringComparison.Ordinal);
        Assert.Equal("instance\tcost\nX-n101-k25\t27591\n", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("X-n101-k25\tlifeline\t100\t240\t27591\tyes\t27600\t1.00\t5\t0\t80.0\t2026-11-25T00:00:00Z", "expected 13 tab-separated fields, found 12")]
    [InlineData("X-n101-k25\tlifeline\t100\t240\t27591\tmaybe\t27600\t1.00\t5\t0\t80.0\t2026-11-25T00:00:00Z\t1.00", "feasible is neither yes nor no")]
    [InlineData("X-n101-k25\tlifeline\tmany\t240\t27591\tyes\t27600\t1.00\t5\t0\t80.0\t2026-11-25T00:00:00Z\t1.00", "clients is not a whole number")]
    [InlineData("X-n101-k25\tlifeline\t100\t240\t27591\tyes\tcheap\t1.00\t5\t0\t80.0\t2026-11-25T00:00:00Z\t1.00", "cost is not a number")]
    [InlineData("X-n101-k25\tlifeline\t100\t240\t27591\tyes\t\t1.00\t5\t0\t80.0\t2026-11-25T00:00:00Z\t1.00", "cost is missing")]
    [InlineData("X-n101-k25\tlifeline\t100\t240\t27591\tyes\t27600\t1.00\tfive\t0\t80.0\t2026-11-25T00:00:00Z\t1.00", "iterations is not a number")]
    [InlineData("X-n101-k25\tlifeline\t100\t240\t27591\tyes\t27600\t1.00\t5\t0\t80 MB\t2026-11-25T00:00:00Z\t1.00", "peak_heap_mb is not a number")]
    public void A_damaged_line_is_reported_with_its_number_and_what_is_wrong(string damaged, string reason)
    {
        var path = _folder.File("run.tsv");
        ResultLedger.Open(path, Configuration).Append("X-n106-k14", "lifeline", 105, 252, 26362, new SolverOutcome(true, 26362, 1, 1));
        File.AppendAllText(path, damaged + "\n");

        var error = Assert.Throws<InvalidDataException>(() => ResultLedger.Open(path, Configuration));

        Assert.Equal($"{path}, line 5: {reason}", error.Message);
    }

    [Fact]
    public void Shards_appending_at_once_never_interleave_their_lines()
    {
        var path = _folder.File("run.tsv");
        const int perShard = 150;

        Parallel.For(0, 3, shard =>
        {
            var ledger = ResultLedger.Open(path, Configuration);
            for (var k = 0; k < perShard; k++)
            {
                ledger.Append($"I-{shard}-{k}", "lifeline", 100 + k, 240, 1000, new SolverOutcome(true, 1000 + k, k, k));
            }
        });

        var reopened = ResultLedger.Open(path, Configuration);
        for (var shard = 0; shard < 3; shard++)
        {
            for (var k = 0; k < perShard; k++)
            {
                Assert.Equal(new SolverOutcome(true, 1000 + k, k, k), reopened.Outcome($"I-{shard}-{k}", "lifeline"));
            }
        }

        Assert.Equal(3 + (3 * perShard), File.ReadAllLines(path).Length);
    }
}
